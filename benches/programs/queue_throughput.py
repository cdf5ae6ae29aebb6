# Queue throughput: a producer and a consumer passing 1,000,000 items through an asyncio.Queue(maxsize=100).
import asyncio

N = 1_000_000


async def producer(q):
    for i in range(N):
        await q.put(i)
    await q.put(None)


async def consumer(q):
    total = 0
    count = 0
    while True:
        item = await q.get()
        if item is None:
            return count, total
        count += 1
        total += item


async def main():
    q = asyncio.Queue(maxsize=100)
    _, (count, total) = await asyncio.gather(producer(q), consumer(q))
    print(count, total)


asyncio.run(main())
