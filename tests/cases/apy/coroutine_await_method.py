# coro.__await__(): the wrapper iterator a class's __await__ can return or
# delegate to, so that instances of the class can be awaited.
import asyncio


async def double(x):
    await asyncio.sleep(0)
    return x * 2


class Doubler:
    def __init__(self, x):
        self.x = x

    def __await__(self):
        return double(self.x).__await__()


class Chain:
    def __init__(self, x):
        self.x = x

    def __await__(self):
        a = yield from double(self.x).__await__()
        b = yield from double(a).__await__()
        return a + b


class Slow:
    def __await__(self):
        try:
            yield from asyncio.sleep(10).__await__()
        finally:
            print("Slow cleaned up")


async def raises():
    await asyncio.sleep(0)
    raise ValueError("inside")


class Raising:
    def __await__(self):
        return raises().__await__()


def plain():
    c = double(21)
    w = c.__await__()
    print(type(w).__name__, iter(w) is w)
    try:
        while True:
            print("yielded", next(w))
    except StopIteration as e:
        print("returned", e.value)
    c = double(1)
    w = c.__await__()
    try:
        w.send(5)
    except TypeError as e:
        print("TypeError:", e)
    c.close()
    c = double(1)
    w = c.__await__()
    print(w.send(None))
    try:
        w.throw(KeyError("k"))
    except KeyError as e:
        print("KeyError", e)
    try:
        next(w)
    except RuntimeError as e:
        print("RuntimeError:", e)
    print(next(double(2).__await__(), "default") is None)


async def main():
    print(await Doubler(5))
    print(await Chain(3))
    print(await asyncio.gather(Doubler(1), Chain(1)))
    t = asyncio.create_task(asyncio.wait_for(Slow(), 1))
    try:
        await t
    except asyncio.TimeoutError:
        print("timed out")
    try:
        await Raising()
    except ValueError as e:
        print("ValueError:", e)


plain()
asyncio.run(main())


def attributes():
    c = double(4)
    w = c.__await__()
    print(type(w), repr(w).split(" at ")[0])
    print(w.__next__())
    try:
        w.__next__()
    except StopIteration as e:
        print("returned", e.value)
    print([n for n in dir(w) if not n.startswith("__")])


attributes()
