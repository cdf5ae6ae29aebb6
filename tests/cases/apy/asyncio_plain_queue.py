# A queue passes items through the shortcut for an unchanged asyncio.Queue
# only while nothing it relies on has changed: each change below must be
# honoured exactly as CPython's Python code honours it.
import asyncio
import collections


async def shadowed_by_instance():
    q = asyncio.Queue(maxsize=2)
    await q.put(1)
    q.full = lambda: True  # an instance attribute shadows the method
    try:
        q.put_nowait(2)
    except asyncio.QueueFull:
        print("put_nowait sees the instance's full()")
    del q.full
    await q.put(2)
    q.empty = lambda: False
    q.get_nowait = lambda: "from the instance"
    print(await q.get())
    del q.empty, q.get_nowait
    print(await q.get(), await q.get(), q.qsize())


async def fields_replaced():
    q = asyncio.Queue()
    q._queue = []  # a list: _put's append works, _get's popleft does not
    await q.put(1)
    try:
        await q.get()
    except AttributeError as e:
        print("list queue:", e, q._queue)
    q._queue = collections.deque([10, 20])
    print(await q.get(), q.qsize())
    q._maxsize = 1
    print(q.full())
    t = asyncio.create_task(q.put(30))
    await asyncio.sleep(0)
    print("putter waiting:", not t.done())
    q._maxsize = 0
    print(await q.get(), await t, q.qsize(), await q.get())
    q._unfinished_tasks = 2**70
    await q.put(1)
    print(q._unfinished_tasks - 2**70)
    q._unfinished_tasks = 1.5
    await q.put(2)
    print(q._unfinished_tasks)


class Counting(asyncio.Queue):
    puts = 0

    def _put(self, item):
        Counting.puts += 1
        super()._put(item)


async def class_changed_later():
    q = asyncio.Queue()
    await q.put("a")
    original = asyncio.Queue._get

    def traced(self):
        item = original(self)
        print("traced _get:", item)
        return item

    asyncio.Queue._get = traced
    try:
        print(await q.get())
    finally:
        asyncio.Queue._get = original
    c = Counting()
    for i in range(3):
        await c.put(i)
    print(Counting.puts, [await c.get() for _ in range(3)])


async def join_and_waiters():
    q = asyncio.Queue(maxsize=1)
    order = []

    async def consumer():
        while True:
            item = await q.get()
            order.append(("got", item))
            q.task_done()
            if item is None:
                return

    async def producer():
        for i in range(3):
            await q.put(i)
            order.append(("put", i))
        await q.put(None)

    await asyncio.gather(consumer(), producer())
    await q.join()
    print(order)
    getter = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    getter.cancel()
    try:
        await getter
    except asyncio.CancelledError:
        print("getter cancelled", len(q._getters))
    await q.put("after")
    print(q.get_nowait(), q.empty())
    try:
        q.task_done()
        q.task_done()
    except ValueError as e:
        print(e)


async def main():
    await shadowed_by_instance()
    await fields_replaced()
    await class_changed_later()
    await join_and_waiters()


asyncio.run(main())
