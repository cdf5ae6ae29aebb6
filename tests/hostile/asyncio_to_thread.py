import asyncio
async def main():
    await asyncio.to_thread(print, "thread")
asyncio.run(main())
