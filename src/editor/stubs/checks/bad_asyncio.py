import asyncio


async def main() -> None:
    await asyncio.sleep()  # error: Expected 1 more positional argument
    asyncio.create_task(42)  # error: Argument of type
    asyncio.Queue()  # error: "Queue" is not a known member of module
