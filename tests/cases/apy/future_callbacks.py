# Done-callbacks: removing one through a failing __eq__ keeps them all;
# a repr lists them; the outcome is read as often as asked.
import asyncio


class Bad:
    def __call__(self, fut):
        print("Bad called", fut.result())

    def __eq__(self, other):
        raise ValueError("no eq")

    __hash__ = object.__hash__


def first(fut):
    print("first", fut.result())


async def main():
    loop = asyncio.get_running_loop()
    bad = loop.create_future()
    bad.add_done_callback(first)
    bad.add_done_callback(Bad())
    try:
        bad.remove_done_callback(first)
    except ValueError as e:
        print("ValueError:", e)
    bad.set_result("bad")
    await asyncio.sleep(0)
    fut = loop.create_future()
    fut.add_done_callback(first)
    fut.add_done_callback(print)
    fut.add_done_callback(first)
    print(fut.remove_done_callback(first))
    fut.add_done_callback(first)
    print(repr(fut).replace(__file__, 'FILE'))
    fut.set_result(7)
    await asyncio.sleep(0)
    print(fut.result(), fut.result(), fut.exception())
    f2 = loop.create_future()
    f2.set_exception(KeyError("k"))
    for _ in range(2):
        try:
            f2.result()
        except KeyError as e:
            print("KeyError", e)
    print(repr(f2.exception()))


asyncio.run(main())
