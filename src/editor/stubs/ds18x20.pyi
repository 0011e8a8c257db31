"""DS18S20/DS18B20 digital thermometers on a 1-Wire bus."""

from typing import Optional
from onewire import OneWire

class DS18X20:
    """All DS18x20 sensors on one bus. Call `convert_temp()`, wait 750 ms, then `read_temp(rom)` for each."""
    def __init__(self, onewire: OneWire) -> None:
        """Use the sensors on `onewire`."""
    def scan(self) -> list[bytearray]:
        """The ids of the DS18x20 sensors found."""
    def convert_temp(self) -> None:
        """Start a measurement on every sensor (takes up to 750 ms)."""
    def read_scratch(self, rom: bytes) -> bytearray:
        """Raw scratchpad of one sensor."""
    def write_scratch(self, rom: bytes, buf: bytes) -> None:
        """Write a sensor's scratchpad."""
    def read_temp(self, rom: bytes) -> Optional[float]:
        """Last measured temperature in degrees C."""
