import asyncio

lock = asyncio.Lock()
event = asyncio.Event()
flag = asyncio.ThreadSafeFlag()


async def blink(n: int) -> int:
    for _ in range(n):
        await asyncio.sleep_ms(100)
        await asyncio.sleep(0.1)
    return n


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    line = await reader.readline()
    writer.write(line)
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main() -> None:
    task = asyncio.create_task(blink(3))
    results = await asyncio.gather(blink(1), blink(2))
    done: int = await task
    try:
        await asyncio.wait_for(blink(10), 0.5)
    except asyncio.TimeoutError:
        pass
    async with lock:
        event.set()
    await event.wait()
    flag.set()
    server = await asyncio.start_server(handle, "0.0.0.0", 8080)
    r, w = await asyncio.open_connection("example.com", 80)
    w.write(b"GET / HTTP/1.0\r\n\r\n")
    await w.drain()
    server.close()


asyncio.run(main())
loop = asyncio.get_event_loop()
loop.create_task(blink(1))
loop2 = asyncio.new_event_loop()
