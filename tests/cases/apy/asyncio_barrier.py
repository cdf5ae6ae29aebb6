# asyncio.Barrier (new in 3.11): filling, draining, resetting and broken
# states, the index wait() returns, reset() and abort() breaking waiters,
# `async with`, reuse over several rounds, and the order of wake-ups.
import asyncio


def show(b):
    # The repr without its address, which differs from run to run.
    r = repr(b)
    return r[:r.index(' at ')] + r[r.index(' ['):]


async def worker(name, b, log):
    log.append(f'{name} arrives (n_waiting={b.n_waiting})')
    i = await b.wait()
    log.append(f'{name} passes with index {i}')
    return i


async def basic():
    print('-- basic')
    b = asyncio.Barrier(3)
    print(b.parties, b.n_waiting, b.broken, show(b))
    log = []
    t1 = asyncio.create_task(worker('a', b, log))
    t2 = asyncio.create_task(worker('b', b, log))
    await asyncio.sleep(0)
    print('waiting:', b.n_waiting, show(b))
    t3 = asyncio.create_task(worker('c', b, log))
    print(await asyncio.gather(t1, t2, t3))
    for line in log:
        print(line)
    print('after:', b.n_waiting, b.broken, show(b))


async def rounds():
    print('-- rounds')
    b = asyncio.Barrier(2)
    log = []

    async def runner(name, delays):
        for r, d in enumerate(delays):
            for _ in range(d):
                await asyncio.sleep(0)
            i = await b.wait()
            log.append((r, name, i))

    await asyncio.gather(runner('x', [0, 2, 1]), runner('y', [1, 0, 3]))
    for entry in log:
        print(entry)
    print(show(b))


async def draining():
    print('-- a late arrival waits for draining to end')
    b = asyncio.Barrier(2)
    log = []

    async def w(name):
        log.append(f'{name} in')
        i = await b.wait()
        log.append(f'{name} out {i} ({b._state.value}, n_waiting={b.n_waiting})')
        return i

    t1 = asyncio.create_task(w('p'))
    t2 = asyncio.create_task(w('q'))
    t3 = asyncio.create_task(w('r'))
    await asyncio.sleep(0)
    print(show(b))
    t4 = asyncio.create_task(w('s'))
    print(sorted(await asyncio.gather(t1, t2, t3, t4)))
    for line in log:
        print(line)
    print(show(b))


async def with_block():
    print('-- async with')
    b = asyncio.Barrier(2)

    async def w(name):
        async with b as i:
            print(name, 'inside with index', i, 'n_waiting', b.n_waiting)
        return i

    print(await asyncio.gather(w('one'), w('two')))


async def reset():
    print('-- reset')
    b = asyncio.Barrier(3)

    async def w(name):
        try:
            await b.wait()
            print(name, 'passed')
        except asyncio.BrokenBarrierError as e:
            print(name, 'broken:', type(e).__name__, e, b.broken)

    ts = [asyncio.create_task(w(n)) for n in ('r1', 'r2')]
    await asyncio.sleep(0)
    print('before reset:', show(b))
    await b.reset()
    print('after reset:', show(b))
    await asyncio.gather(*ts)
    print('settled:', show(b), b.broken)
    # A reset barrier works again.
    print(sorted(await asyncio.gather(b.wait(), b.wait(), b.wait())))
    # Reset with nobody waiting.
    await b.reset()
    print('empty reset:', show(b))


async def abort():
    print('-- abort')
    b = asyncio.Barrier(3)

    async def w(name):
        try:
            await b.wait()
            print(name, 'passed')
        except asyncio.BrokenBarrierError as e:
            print(name, 'broken:', e)

    ts = [asyncio.create_task(w(n)) for n in ('k1', 'k2')]
    await asyncio.sleep(0)
    print('n_waiting', b.n_waiting)
    await b.abort()
    print('after abort:', show(b), b.broken, b.n_waiting)
    await asyncio.gather(*ts)
    try:
        await b.wait()
    except asyncio.BrokenBarrierError as e:
        print('later wait:', e)
    try:
        async with b:
            print('not reached')
    except asyncio.BrokenBarrierError as e:
        print('later async with:', e)
    await b.reset()
    print('reset after abort:', show(b), b.broken)


async def cancelled_waiter():
    print('-- a cancelled waiter leaves the barrier')
    b = asyncio.Barrier(2)
    t = asyncio.create_task(b.wait())
    await asyncio.sleep(0)
    print('n_waiting', b.n_waiting)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('waiter cancelled')
    print('n_waiting', b.n_waiting, show(b))
    print(sorted(await asyncio.gather(b.wait(), b.wait())))


async def errors():
    print('-- errors and names')
    for n in (0, -2):
        try:
            asyncio.Barrier(n)
        except ValueError as e:
            print('Barrier(%d):' % n, e)
    try:
        asyncio.Barrier()
    except TypeError as e:
        print(e)
    print(asyncio.Barrier.__module__, asyncio.Barrier.__qualname__)
    print(asyncio.BrokenBarrierError.__mro__)
    b = asyncio.Barrier(1)
    print(await b.wait(), await b.wait(), show(b))
    print(b._state, repr(b._state), type(b._state).__name__)
    try:
        asyncio.Barrier('3')
    except TypeError as e:
        print(e)
    print(asyncio.Barrier.wait.__doc__)
    r = repr(b)
    print(r.startswith('<asyncio.locks.Barrier object at 0x'), r.endswith(' [filling, waiters:0/1]>'))
    try:
        b.parties = 5
    except AttributeError:
        print('parties is read-only')


async def task_group():
    print('-- in a TaskGroup, with a failing party')
    b = asyncio.Barrier(3)

    async def w(name, fail):
        i = await b.wait()
        print(name, 'index', i)
        if fail:
            raise ValueError(name)
        await b.wait()
        print(name, 'second round')

    async def stuck():
        try:
            await b.wait()
        except asyncio.CancelledError:
            print('stuck party cancelled, n_waiting', b.n_waiting)
            raise

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(w('a', False))
            tg.create_task(w('b', True))
            tg.create_task(w('c', False))
            await asyncio.sleep(0.01)
    except* ValueError as eg:
        print('errors:', [str(e) for e in eg.exceptions])
    print(show(b))
    t = asyncio.create_task(stuck())
    await asyncio.sleep(0)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    print(show(b))


async def main():
    await basic()
    await rounds()
    await draining()
    await with_block()
    await reset()
    await abort()
    await cancelled_waiter()
    await task_group()
    await errors()


asyncio.run(main())
