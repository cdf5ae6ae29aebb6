# time.sleep and asyncio.sleep with NaN, negative, infinite and huge delays
# raise CPython's errors or behave as CPython's loop does; none crashes.
import asyncio
import time

for delay in [float("nan"), -1, -0.5, float("inf"), 1e300, 1e10, 9.3e9, 10**10, 2**63, 2**70, "1", None]:
    try:
        time.sleep(delay)
        print(repr(delay), "slept")
    except (ValueError, OverflowError, TypeError) as e:
        print(repr(delay), type(e).__name__, e)

time.sleep(0)
time.sleep(-0.0)
time.sleep(0.001)
print("short sleeps done")


async def main():
    loop = asyncio.get_running_loop()
    for delay in [float("nan"), -5, 0, float("-inf")]:
        start = loop.time()
        await asyncio.sleep(delay)
        print(repr(delay), "returned at once:", loop.time() - start < 0.5)
    for delay in [float("inf"), 1e300]:
        start = loop.time()
        try:
            await asyncio.wait_for(asyncio.sleep(delay), 0.05)
        except TimeoutError:
            print(repr(delay), "still sleeping after the timeout:", loop.time() - start < 1)


asyncio.run(main())
