import asyncio
async def main():
    asyncio.get_running_loop().add_reader(0, print)
asyncio.run(main())
