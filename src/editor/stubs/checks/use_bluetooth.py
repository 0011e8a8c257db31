import bluetooth
from micropython import const

_IRQ_CENTRAL_CONNECT = const(1)
UART_UUID = bluetooth.UUID("6E400001-B5A3-F393-E0A9-E50E24DCCA9E")
TX = (bluetooth.UUID(0x2A19), bluetooth.FLAG_READ | bluetooth.FLAG_NOTIFY)
SERVICE = (UART_UUID, (TX,))

ble = bluetooth.BLE()
ble.active(True)
on: bool = ble.active()
ble.config(gap_name="mote")
mac = ble.config("mac")


def on_event(event: int, data: object) -> None:
    if event == _IRQ_CENTRAL_CONNECT:
        pass


ble.irq(on_event)
((tx_handle,),) = ble.gatts_register_services((SERVICE,))
ble.gatts_write(tx_handle, b"42")
ble.gap_advertise(100_000, b"\x02\x01\x06")
ble.gap_scan(2000, 30000, 30000)
