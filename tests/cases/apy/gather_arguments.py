# gather's arguments: a repeated one is awaited once and its result
# repeats; an argument with its own __hash__/__eq__ sees CPython's lookups.
import asyncio


async def work(n):
    await asyncio.sleep(0)
    return n * 10


class Loud:
    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        yield
        return self.tag.upper()

    def __hash__(self):
        print("hash", self.tag)
        return 1

    def __eq__(self, other):
        print("eq", self.tag, getattr(other, "tag", other))
        return self is other


async def main():
    t = asyncio.create_task(work(1))
    print(await asyncio.gather(t, t, work(2), t))
    c = work(3)
    print(await asyncio.gather(c, c))
    loop = asyncio.get_running_loop()
    a, b = Loud("a"), Loud("b")
    print(await asyncio.gather(a, b, a))
    f = loop.create_future()
    loop.call_soon(f.set_result, "F")
    print(await asyncio.gather(f, work(4), f))
    try:
        await asyncio.gather(work(5), 7)
    except TypeError as e:
        print("TypeError:", e)
    g = asyncio.gather(*[work(i) for i in range(5)])
    print(type(g).__name__, await g)
    g = asyncio.gather(work(6), work(7))
    print(g.cancel(), end=" ")
    try:
        await g
    except asyncio.CancelledError:
        print("cancelled")


asyncio.run(main())


async def reprs():
    g = asyncio.gather(work(8))
    print(repr(g), type(g), type(g).__mro__)
    print(isinstance(g, asyncio.Future), asyncio.isfuture(g))
    await g
    print(repr(g))
    g = asyncio.gather()
    print(repr(g), type(g))
    await g


asyncio.run(reprs())
