import asyncio

def helper():
    return "helper"

def f1():
    try:
        return "f1"
    finally:
        print(helper())

def f2():
    try:
        return "f2"
    finally:
        return "f2-finally"

class CM:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        print("exit", helper())
        return False

def f3():
    with CM():
        return "f3"

def gen():
    try:
        yield 1
    finally:
        print("gen finally", helper())

def f4():
    g = gen()
    next(g)
    del g
    return "f4"

def f5():
    for i in range(3):
        try:
            return i
        finally:
            if i == 0:
                continue
    return "end"

def f6():
    try:
        return "f6"
    finally:
        try:
            raise ValueError
        except ValueError:
            pass

print(f1(), f2(), f3(), f4(), f5(), f6())

async def other():
    await asyncio.sleep(0)
    return "other"

class ACM:
    async def __aenter__(self):
        return self
    async def __aexit__(self, *a):
        print("aexit", await other())

async def a1():
    try:
        return "a1"
    finally:
        print("a1 finally", await other())

async def a2():
    async with ACM():
        return "a2"

async def a3():
    with CM():
        await asyncio.sleep(0)
        return "a3"

async def a4():
    try:
        return "a4"
    finally:
        await asyncio.sleep(0)
        return "a4-finally"

def g2():
    try:
        yield 1
        return "g2"
    finally:
        yield helper()

async def main():
    print(await asyncio.gather(a1(), a2(), a3(), a4(), other()))
    g = g2()
    print(list(g))
    def inner():
        try:
            return 5
        finally:
            x = [helper() for _ in range(2)]
    print(inner())

asyncio.run(main())
