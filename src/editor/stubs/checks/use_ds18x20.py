import time

import ds18x20
import machine
import onewire

sensors = ds18x20.DS18X20(onewire.OneWire(machine.Pin(4)))
roms = sensors.scan()
sensors.convert_temp()
time.sleep_ms(750)
for rom in roms:
    print(sensors.read_temp(rom))
