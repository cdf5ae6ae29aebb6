import asyncio
async def main():
    await asyncio.get_running_loop().getaddrinfo("localhost", 80)
asyncio.run(main())
