# Pending tasks: 100,000 tasks waiting on one Event at the same time (peak memory), then released.
import asyncio

N = 100_000


async def waiter(event, i):
    await event.wait()
    return i


async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, i)) for i in range(N)]
    await asyncio.sleep(0)
    event.set()
    results = await asyncio.gather(*tasks)
    print(len(results))


asyncio.run(main())
