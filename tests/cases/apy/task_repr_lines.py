# A task's repr names where its coroutine is: the def line before it
# starts, the await it is suspended at (inside nested awaits, decorators,
# loops, multi-line calls), the current line while it runs, and "done,
# defined at" the def line once finished. (The program's own path is
# replaced by FILE, so that the output does not depend on the checkout.)
import asyncio
import functools


def show(t):
    print(repr(t).replace(__file__, "FILE"))

def deco(f):
    @functools.wraps(f)
    async def wrapper(*a):
        return await f(*a)
    return wrapper

async def inner():
    show(asyncio.current_task())
    await asyncio.sleep(10)

async def outer():
    x = 1
    await inner()

@deco
async def decorated():
    await asyncio.sleep(
        10)

async def looping():
    for i in range(3):
        await asyncio.sleep(0.01)
    while True:
        await asyncio.sleep(1)

async def main():
    ts = [asyncio.create_task(c) for c in (outer(), decorated(), looping())]
    for t in ts:
        show(t)
    await asyncio.sleep(0.1)
    for t in ts:
        show(t)
    for t in ts:
        t.cancel()
    await asyncio.sleep(0)
    for t in ts:
        show(t)
    t = asyncio.create_task(inner())
    await asyncio.sleep(0)
    show(t)

asyncio.run(main())
