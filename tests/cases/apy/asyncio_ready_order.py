# The ready queue's order when the loop's own callbacks (task steps,
# done-callbacks) interleave with loop.call_soon handles, some of them
# cancelled; task names (default numbers, set_name, create_task(name=));
# cancel messages on futures, tasks and a gather.
import asyncio

log = []


def note(what):
    log.append(what)


async def worker(tag, n):
    for i in range(n):
        note(f"{tag}{i}")
        await asyncio.sleep(0)
    return tag


async def order():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(worker("a", 3))
    h1 = loop.call_soon(note, "soon1")
    b = asyncio.create_task(worker("b", 2))
    h2 = loop.call_soon(note, "soon2")
    h3 = loop.call_soon(note, "soon3")
    h2.cancel()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: note(f"done:{f.result()}"))
    loop.call_soon(fut.set_result, "x")
    fut.add_done_callback(lambda f: note("done2"))
    print(await asyncio.gather(a, b))
    await asyncio.sleep(0)
    print(log)
    print(h1.cancelled(), h2.cancelled(), h3.cancelled())


async def names():
    t1 = asyncio.create_task(asyncio.sleep(0))
    t2 = asyncio.create_task(asyncio.sleep(0), name="given")
    t3 = asyncio.create_task(asyncio.sleep(0), name=None)
    first = int(t1.get_name().split("-")[1])
    print(t2.get_name(), int(t3.get_name().split("-")[1]) - first)
    t1.set_name(42)
    print(repr(t1.get_name()), type(t1.get_name()).__name__)
    await asyncio.gather(t1, t2, t3)
    print(t1.get_name(), t2.get_name())


async def cancel_messages():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    print(f._cancel_message, f.cancel("stop"), f._cancel_message, f.cancel("again"))
    try:
        f.result()
    except asyncio.CancelledError as e:
        print("future:", e.args)

    async def sleeper():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError as e:
            print("inside:", e.args)
            raise

    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    print(t.cancel("go away"), t._cancel_message)
    try:
        await t
    except asyncio.CancelledError as e:
        print("task:", e.args, t.cancelled())

    t = asyncio.create_task(sleeper())
    print(t.cancel(), t._cancel_message)
    try:
        await t
    except asyncio.CancelledError as e:
        print("before start:", e.args)

    g = asyncio.gather(sleeper(), sleeper())
    await asyncio.sleep(0)
    print(g.cancel("all"), g.cancel("twice"))
    try:
        await g
    except asyncio.CancelledError as e:
        print("gather:", e.args, g.cancelled())


async def main():
    await order()
    await names()
    await cancel_messages()


asyncio.run(main())
