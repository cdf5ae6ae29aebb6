# `await event.wait()` as tasks park in it: the waiter futures in
# `_waiters`, cancellation while waiting (the finally removes the
# future), an event set before the wait, an error from the finally's
# `_waiters.remove`, a subclass, and wait() awaited through a coroutine
# object (wait_for, create_task) rather than inline.
import asyncio


async def waiter(name, event, log):
    log.append(f"{name} waits")
    r = await event.wait()
    log.append(f"{name} woke: {r}")
    return name


class LoudEvent(asyncio.Event):
    pass


class Waiters:
    def __init__(self):
        self.items = []

    def __iter__(self):
        return iter(self.items)

    def append(self, fut):
        print("append", type(fut).__name__, fut.done())
        self.items.append(fut)

    def remove(self, fut):
        print("remove", type(fut).__name__, fut.done(), fut.cancelled())
        self.items.remove(fut)


async def main():
    log = []
    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(f"w{i}", ev, log)) for i in range(3)]
    await asyncio.sleep(0)
    print(len(ev._waiters), [f.done() for f in ev._waiters])
    tasks[1].cancel("stop")
    await asyncio.sleep(0)
    print(len(ev._waiters), tasks[1].cancelled())
    ev.set()
    print(await asyncio.gather(tasks[0], tasks[2]), len(ev._waiters))
    print(log)

    # Already set: no wait at all.
    print(await ev.wait(), len(ev._waiters))

    # A subclass and a replaced _waiters.
    le = LoudEvent()
    le._waiters = Waiters()
    t = asyncio.create_task(waiter("sub", le, log))
    await asyncio.sleep(0)
    le.set()
    print(await t)

    # The finally's remove fails: its error replaces the cancellation,
    # chained to it.
    bad = asyncio.Event()
    t = asyncio.create_task(waiter("bad", bad, log))
    await asyncio.sleep(0)
    bad._waiters.clear()
    t.cancel()
    try:
        await t
    except ValueError as e:
        print("ValueError", type(e.__context__).__name__)

    # Through a coroutine object.
    ev2 = asyncio.Event()
    try:
        await asyncio.wait_for(ev2.wait(), 0.01)
    except asyncio.TimeoutError:
        print("timeout", len(ev2._waiters))
    t = asyncio.create_task(ev2.wait())
    await asyncio.sleep(0)
    ev2.set()
    print(await t, len(ev2._waiters))


asyncio.run(main())
