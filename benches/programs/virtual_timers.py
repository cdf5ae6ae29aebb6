# Virtual timers: 10,000 tasks sleeping fixed random-looking delays (a few each), under the virtual clock.
import asyncio

N = 10_000


async def sleeper(i):
    delay = (i * 7919) % 1000 / 10
    for _ in range(3):
        await asyncio.sleep(delay)
    return delay


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    delays = await asyncio.gather(*[sleeper(i) for i in range(N)])
    print(len(delays), max(delays), loop.time() - t0)


asyncio.run(main())
