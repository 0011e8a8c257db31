import uasyncio


async def main() -> None:
    await uasyncio.sleep_ms(1)


uasyncio.run(main())
