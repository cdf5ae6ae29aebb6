# "Task exception was never retrieved" names where the coroutine's function
# is defined (its first decorator's line), not where the task was created.
import asyncio
import functools


def traced(f):
    @functools.wraps(f)
    def wrapper(*a):
        return f(*a)
    return wrapper


async def fails():
    await asyncio.sleep(0)
    raise RuntimeError("lost")


class Jobs:
    @staticmethod
    @traced
    async def also_fails():
        raise KeyError("k")


async def main():
    t1 = asyncio.create_task(fails())
    t2 = asyncio.create_task(Jobs.also_fails())
    await asyncio.sleep(0.01)
    print(t1.done(), t2.done())
    del t1, t2
    print("end")


asyncio.run(main())
