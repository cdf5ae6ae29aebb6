# asyncio.Runner (new in 3.11): several run() calls on one loop, get_loop(),
# close() cancelling leftover tasks and closing async generators, and the
# errors of run() after close, run() from a running loop and run() of
# something that is not a coroutine.
import asyncio


def strip_address(text):
    # The part of a repr before ' at 0x...', which differs run to run.
    return text.split(' at 0x')[0]


async def add(a, b):
    await asyncio.sleep(0)
    return a + b


async def ticker(log):
    n = 0
    try:
        while True:
            await asyncio.sleep(0)
            n += 1
            log.append(n)
    finally:
        print('ticker finally, cancelled:', asyncio.current_task().cancelling())


def two_runs():
    print('-- two runs on one runner')
    log = []
    with asyncio.Runner() as runner:
        loop = runner.get_loop()
        print('loop running:', loop.is_running(), 'closed:', loop.is_closed())
        print('current loop is the runner loop:', asyncio.get_event_loop() is loop)

        async def first():
            print('same loop inside:', asyncio.get_running_loop() is loop)
            print('task name:', asyncio.current_task().get_name())
            t = asyncio.create_task(ticker(log), name='ticker')
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            return t

        t = runner.run(first())
        print('after first run:', t.done(), log)
        print('pending between runs:', sorted(x.get_name() for x in asyncio.all_tasks(loop)))

        async def second():
            print('task name:', asyncio.current_task().get_name())
            print('ticker still pending:', not t.done())
            for _ in range(3):
                await asyncio.sleep(0)
            return await add(2, 3)

        print('second run returned', runner.run(second()))
        print('after second run:', t.done(), log)
        print('get_loop() is the same loop:', runner.get_loop() is loop)
    print('after with: ticker cancelled', t.cancelled(), 'loop closed', loop.is_closed())
    try:
        asyncio.get_event_loop()
    except RuntimeError as e:
        print('get_event_loop():', e)


def leftovers():
    print('-- leftover tasks and async generators at close')
    finished = []

    async def sleeper(name, n):
        try:
            await asyncio.sleep(n)
        finally:
            finished.append(name)

    async def stubborn():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print('stubborn caught the cancellation and cleans up')
            await asyncio.sleep(0)
            print('stubborn done cleaning')
            return 'ignored'

    async def agen():
        try:
            yield 1
            yield 2
        finally:
            print('async generator closed')

    async def start():
        for i in range(3):
            asyncio.create_task(sleeper(f's{i}', 5 + i))
        asyncio.create_task(stubborn())
        g = agen()
        print('agen first value:', await g.__anext__())
        await asyncio.sleep(0)
        return g

    runner = asyncio.Runner()
    g = runner.run(start())
    print('closing')
    runner.close()
    print('closed; finished:', sorted(finished))
    runner.close()
    print('second close is a no-op')
    return g


def errors():
    print('-- errors')
    runner = asyncio.Runner()
    try:
        runner.run(1)
    except ValueError as e:
        print('ValueError:', e)
    try:
        runner.run(add)
    except ValueError as e:
        print('ValueError:', strip_address(str(e)))
    fut = asyncio.Future(loop=runner.get_loop())
    try:
        runner.run(fut)
    except ValueError as e:
        print('ValueError:', e)

    async def nested():
        c = add(1, 1)
        try:
            runner.run(c)
        except RuntimeError as e:
            print('RuntimeError:', e)
        c.close()
        c = add(1, 1)
        try:
            asyncio.run(c)
        except RuntimeError as e:
            print('RuntimeError:', e)
        c.close()
        return 'nested done'

    print(runner.run(nested()))

    async def boom():
        await asyncio.sleep(0)
        raise KeyError('boom')

    try:
        runner.run(boom())
    except KeyError as e:
        print('KeyError from run:', e)
    print('still usable:', runner.run(add(20, 22)))

    async def cancel_self():
        asyncio.current_task().cancel()
        await asyncio.sleep(0)

    try:
        runner.run(cancel_self())
    except asyncio.CancelledError:
        print('CancelledError from run')
    runner.close()
    c = add(1, 2)
    try:
        runner.run(c)
    except RuntimeError as e:
        print('RuntimeError:', e)
    c.close()
    try:
        runner.get_loop()
    except RuntimeError as e:
        print('RuntimeError:', e)
    try:
        with runner:
            pass
    except RuntimeError as e:
        print('RuntimeError:', e)
    try:
        asyncio.Runner(True)
    except TypeError as e:
        print('TypeError:', e)
    c = add(1, 2)
    try:
        runner.run(c, None)
    except TypeError as e:
        print('TypeError:', e)
    c.close()


def lifecycle():
    print('-- lifecycle')
    r = asyncio.Runner()
    print(strip_address(repr(r)), r._state)
    r.close()
    print('close before use keeps it usable:', r._state, r.run(add(1, 1)))
    print(r._state)
    r.close()
    print(r._state)

    with asyncio.Runner(debug=False) as r:
        print('debug:', r.get_loop().get_debug())

    made = []

    def factory():
        loop = asyncio.new_event_loop()
        made.append(loop)
        return loop

    with asyncio.Runner(loop_factory=factory) as r:
        print('factory loop used:', r.get_loop() is made[0], len(made))
        try:
            asyncio.get_event_loop()
        except RuntimeError as e:
            print('no current loop with a factory:', e)
        print(r.run(add(3, 4)))
    print('factory loop closed:', made[0].is_closed())

    try:
        with asyncio.Runner() as r:
            print(r.run(add(5, 6)))
            raise LookupError('inside with')
    except LookupError as e:
        print('LookupError:', e, '; loop closed:', r._loop is None, r._state)

    print('asyncio.run after runners:', asyncio.run(add(7, 8)))

    with asyncio.Runner() as r:
        print('asyncio.run inside a runner block:', asyncio.run(add(1, 0)))
        try:
            asyncio.get_event_loop()
        except RuntimeError as e:
            print('then get_event_loop():', e)
        print('the runner still runs:', r.run(add(0, 1)))
    print(asyncio.Runner.__module__, asyncio.Runner.__qualname__)


def failing_leftovers():
    print('-- a leftover task that fails while being cancelled')

    async def bad(what):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print('bad', what, 'raises')
            raise ValueError(what)

    async def start(what):
        asyncio.create_task(bad(what))
        await asyncio.sleep(0)

    def handler(loop, context):
        print('handler:', context['message'], repr(context['exception']),
              context['task'].get_name(), sorted(context))

    with asyncio.Runner() as r:
        r.get_loop().set_exception_handler(handler)
        r.run(start('with a handler'))
    # Without a handler the report goes to stderr.
    with asyncio.Runner() as r:
        r.run(start('without a handler'))
    print('after the runners')


two_runs()
g = leftovers()
errors()
lifecycle()
failing_leftovers()
