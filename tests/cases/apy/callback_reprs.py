# The reprs of handles and of futures' done-callbacks: a Python function
# shows where it is defined (a wrapped one, its original's place); more
# than two callbacks show as first, count, last; a cancelled handle shows
# no callback, and a cancelling task keeps its callbacks.
import asyncio, functools
def first(a): pass
def deco(f):
    @functools.wraps(f)
    def w(*a): return f(*a)
    return w
@deco
def wrapped(fut): pass
class C:
    def m(self, fut): pass
    def __call__(self, fut): pass
async def nap():
    await asyncio.sleep(1)


def show(x):
    return repr(x).replace(__file__, 'FILE')


async def main():
    loop=asyncio.get_running_loop()
    h=loop.call_soon(first, 1); print(show(h))
    h=loop.call_later(5, first, 'x'); print(show(h).split(' when=')[0], show(h).split('>')[0].split(' ', 2)[-1]); h.cancel(); print(show(h).split(' when=')[0])
    h=loop.call_soon(print, 1); print(show(h))
    h=loop.call_soon(lambda: 0); print(show(h))
    h=loop.call_soon(C().m, 1); print(show(h))
    f = loop.create_future()
    f.add_done_callback(C().m)
    f.add_done_callback(lambda f: 0)
    print(show(f))
    f.add_done_callback(C())
    print(show(f)[:40])
    f.cancel()
    print(show(f))
    g = loop.create_future()
    g.add_done_callback(wrapped)
    print(show(g))
    t = asyncio.create_task(nap())
    t.add_done_callback(first)
    await asyncio.sleep(0)
    t.cancel()
    print(show(t))
    await asyncio.sleep(0)
asyncio.run(main())
