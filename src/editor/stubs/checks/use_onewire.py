import machine
import onewire

ow = onewire.OneWire(machine.Pin(4))
present: bool = ow.reset()
roms = ow.scan()
ow.writebyte(0xCC)
b: int = ow.readbyte()
