# Task churn: create and gather 100,000 tasks that each await asyncio.sleep(0) three times.
import asyncio

N = 100_000


async def worker(i):
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    return i


async def main():
    results = await asyncio.gather(*[worker(i) for i in range(N)])
    print(len(results), sum(results))


asyncio.run(main())
