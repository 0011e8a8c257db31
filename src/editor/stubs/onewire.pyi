"""1-Wire bus driver (for DS18x20 temperature sensors and similar)."""

from typing import Any, Final, Union

class OneWireError(Exception):
    """No device answered the reset pulse."""

class OneWire:
    """A 1-Wire bus on one pin (with an external pull-up, typically 4.7 kOhm)."""
    SEARCH_ROM: Final[int]
    """ROM command: search for devices."""
    MATCH_ROM: Final[int]
    """ROM command: address one device."""
    SKIP_ROM: Final[int]
    """ROM command: address every device."""
    def __init__(self, pin: Any) -> None:
        """The bus on `pin` (a machine.Pin)."""
    def reset(self, required: bool = False) -> bool:
        """Send a reset pulse; True if a device answered (OneWireError instead when `required`)."""
    def readbit(self) -> int:
        """Read one bit."""
    def readbyte(self) -> int:
        """Read one byte."""
    def readinto(self, buf: Union[bytearray, memoryview]) -> None:
        """Fill `buf` with bytes from the bus."""
    def writebit(self, value: int) -> None:
        """Write one bit."""
    def writebyte(self, value: int) -> None:
        """Write one byte."""
    def write(self, buf: Union[bytes, bytearray]) -> None:
        """Write bytes."""
    def select_rom(self, rom: bytes) -> None:
        """Address the device with 8-byte id `rom`."""
    def scan(self) -> list[bytearray]:
        """The 8-byte ids of all devices on the bus."""
    def crc8(self, data: bytes) -> int:
        """The Dallas CRC-8 of `data`."""
