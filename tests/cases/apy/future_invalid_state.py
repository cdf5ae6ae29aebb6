# InvalidStateError says what CPython's C future says.
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    f.set_result(42)
    for meth, arg in (("set_result", 1), ("set_exception", ValueError())):
        try:
            getattr(f, meth)(arg)
        except asyncio.InvalidStateError as e:
            print(meth, type(e).__name__, repr(str(e)))
    g = loop.create_future()
    g.cancel()
    try:
        g.set_result(1)
    except asyncio.InvalidStateError as e:
        print("cancelled", repr(str(e)))
    t = asyncio.ensure_future(asyncio.sleep(0))
    await t
    try:
        t.set_result(1)
    except RuntimeError as e:
        print(type(e).__name__, e)
    try:
        f.result(); g.result()
    except asyncio.CancelledError:
        print("cancelled error")
    h = loop.create_future()
    try:
        h.result()
    except asyncio.InvalidStateError as e:
        print("pending result", repr(str(e)))
    try:
        h.exception()
    except asyncio.InvalidStateError as e:
        print("pending exception", repr(str(e)))

asyncio.run(main())
