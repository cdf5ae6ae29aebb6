import asyncio
async def main():
    await asyncio.create_subprocess_exec("rm", "canary.txt")
asyncio.run(main())
