# Loop details around the runner: a custom exception handler that calls
# loop.default_exception_handler, a handler that fails, ensure_future and
# gather of awaitables that are not coroutines, and the Task-N numbers
# that asyncio.create_task(name=...) still takes.
import asyncio


class Ready:
    # An awaitable with __await__, not a coroutine.
    def __init__(self, value):
        self.value = value

    def __await__(self):
        yield
        return self.value


def handler(loop, context):
    print('custom handler:', context['message'])
    loop.default_exception_handler(context)


def failing_handler(loop, context):
    print('failing handler:', context['message'])
    raise KeyError('in the handler')


async def agen():
    try:
        yield 1
        yield 2
    finally:
        print('agen closed')


async def f():
    await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    loop.call_exception_handler({'message': 'first report'})
    loop.set_exception_handler(failing_handler)
    loop.call_exception_handler({'message': 'second report'})
    loop.set_exception_handler(None)
    print('handler reset:', loop.get_exception_handler())

    t = asyncio.ensure_future(Ready(5))
    print('ensure_future of an awaitable:', type(t).__name__, await t)
    print('gather of awaitables:', await asyncio.gather(Ready(1), Ready(2), f()))
    g = agen()
    print('agen:', await g.__anext__())
    print('aclose through gather:', await asyncio.gather(g.aclose()))
    try:
        asyncio.ensure_future(42)
    except TypeError as e:
        print('TypeError:', e)

    a = asyncio.create_task(f(), name='named')
    b = asyncio.create_task(f())
    c = loop.create_task(f(), name='loop-named')
    d = loop.create_task(f())
    e = asyncio.create_task(f(), name=7)
    print([x.get_name() for x in (a, b, c, d, e)])
    await asyncio.gather(a, b, c, d, e)

    h = agen()
    print('agen left open:', await h.__anext__())
    return h


h = asyncio.run(main())
print('after run')
