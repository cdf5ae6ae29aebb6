# A generator or coroutine keeps the names its function had when it was made.
import asyncio


def gen():
    yield 1


async def coro():
    return 1


g1 = gen()
gen.__name__ = "renamed"
g2 = gen()
gen.__qualname__ = "Outer.renamed"
g3 = gen()
print(g1.__name__, g1.__qualname__)
print(g2.__name__, g2.__qualname__)
print(g3.__name__, g3.__qualname__)
print(gen.__name__, gen.__qualname__)

c1 = coro()
coro.__qualname__ = "other"
c2 = coro()
print(c1.__name__, c1.__qualname__, c2.__name__, c2.__qualname__)
print(asyncio.run(c1), asyncio.run(c2))
print((x for x in ()).__name__, (x for x in ()).__qualname__)

