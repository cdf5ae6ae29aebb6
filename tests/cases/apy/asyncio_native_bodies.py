# The coroutines apy runs natively (sleep, Event.wait, Queue.get/put) take
# the steps of CPython's Python source: arguments, errors, cancellation,
# finally clauses, and the methods a subclass overrides.
import asyncio
from collections import deque


async def sleeps():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    print(await asyncio.sleep(0), await asyncio.sleep(-1, 'neg'), await asyncio.sleep(0, result=5))
    print(await asyncio.sleep(0.5, 'half'), await asyncio.sleep(delay=1, result=[1]))
    print(loop.time() - t0)
    for bad in ['x', None]:
        try:
            await asyncio.sleep(bad)
        except TypeError as e:
            print('TypeError', e)
    for args, kwargs in [((), {}), ((1, 2, 3), {}), ((1,), {'x': 2})]:
        try:
            asyncio.sleep(*args, **kwargs)
        except TypeError as e:
            print('TypeError', e)
    c = asyncio.sleep(1)
    print(type(c).__name__, c.__name__, c.__qualname__, asyncio.iscoroutine(c))
    c.close()
    print(asyncio.iscoroutinefunction(asyncio.sleep), asyncio.sleep.__name__)
    t = asyncio.create_task(asyncio.sleep(10, 'never'))
    await asyncio.sleep(1)
    t.cancel('stop')
    try:
        await t
    except asyncio.CancelledError as e:
        print('cancelled', e.args, t.cancelled())
    print(loop.time() - t0)


class LoudEvent(asyncio.Event):
    def _get_loop(self):
        print('  _get_loop')
        return super()._get_loop()


async def events():
    e = LoudEvent()
    e.set()
    print(await e.wait())
    e.clear()
    waiters = [asyncio.create_task(e.wait()) for _ in range(3)]
    await asyncio.sleep(0)
    print(len(e._waiters), type(e._waiters).__name__)
    waiters[1].cancel()
    await asyncio.sleep(0)
    print(len(e._waiters), waiters[1].cancelled())
    e.set()
    print([await w for w in (waiters[0], waiters[2])], len(e._waiters))


class TracedQueue(asyncio.Queue):
    def full(self):
        r = super().full()
        print('  full ->', r)
        return r

    def _put(self, item):
        print('  _put', item)
        super()._put(item)


async def queues():
    q = asyncio.Queue()
    print(type(q._queue).__name__, type(q._getters).__name__, q)
    getter = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    print(q)
    getter.cancel()
    await asyncio.sleep(0)
    print(q, getter.cancelled())
    g1 = asyncio.create_task(q.get())
    g2 = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    q.put_nowait('a')
    g1.cancel()
    await asyncio.sleep(0)
    print('g2 got', await g2, 'g1 cancelled', g1.cancelled(), q)

    t = TracedQueue(maxsize=1)
    await t.put(1)
    putter = asyncio.create_task(t.put(2))
    await asyncio.sleep(0)
    print(t)
    print('got', t.get_nowait())
    await putter
    print(t, t.qsize())
    p2 = asyncio.create_task(t.put(3))
    await asyncio.sleep(0)
    p2.cancel()
    await asyncio.sleep(0)
    print(t, p2.cancelled())

    pq = asyncio.PriorityQueue()
    for x in [3, 1, 2]:
        await pq.put(x)
    print([await pq.get() for _ in range(3)], type(pq._queue).__name__)
    lq = asyncio.LifoQueue()
    for x in 'abc':
        await lq.put(x)
    print([await lq.get() for _ in range(3)])


def deques():
    class Meddler:
        def __eq__(self, other):
            d.append(0)
            return False
    d = deque([Meddler(), 2])
    try:
        d.remove(2)
    except IndexError as e:
        print('IndexError', e, len(d))
    d = deque(range(5))
    d.remove(0)
    d.remove(4)
    print(d)
    try:
        d.remove(9)
    except ValueError as e:
        print('ValueError', e)


async def main():
    await sleeps()
    await events()
    await queues()
    deques()


asyncio.run(main())
