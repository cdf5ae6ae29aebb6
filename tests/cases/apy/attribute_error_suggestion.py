# An uncaught AttributeError ends with CPython's "Did you mean".
import asyncio


async def main():
    await asyncio.slep(1)


asyncio.run(main())
