# The pending_tasks program with no tasks: the baseline of its memory per task.
import asyncio

N = 0


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
