"""ESP8266 and ESP32 specific functions: flash access, sleep type, debug output."""

from typing import Final, Optional, Union, overload

SLEEP_NONE: Final[int]
"""ESP8266: no Wi-Fi power saving."""
SLEEP_MODEM: Final[int]
"""ESP8266: Wi-Fi modem sleep."""
SLEEP_LIGHT: Final[int]
"""ESP8266: light sleep (CPU and modem)."""
LOG_NONE: Final[int]
"""ESP32: no IDF log output."""
LOG_ERROR: Final[int]
"""ESP32: IDF errors only."""
LOG_WARNING: Final[int]
"""ESP32: IDF warnings and errors."""
LOG_INFO: Final[int]
"""ESP32: IDF info and above."""
LOG_DEBUG: Final[int]
"""ESP32: IDF debug and above."""
LOG_VERBOSE: Final[int]
"""ESP32: everything the IDF logs."""

@overload
def sleep_type() -> int:
    """ESP8266: the current sleep type."""
@overload
def sleep_type(sleep_type: int, /) -> None:
    """ESP8266: choose the sleep type (esp.SLEEP_*)."""
def deepsleep(time_us: int = 0, /) -> None:
    """ESP8266: deep sleep for `time_us` microseconds (needs GPIO16 wired to RST); prefer machine.deepsleep."""
def flash_id() -> int:
    """ESP8266: the flash chip's id."""
def flash_size() -> int:
    """Size of the flash chip in bytes."""
def flash_user_start() -> int:
    """Offset where the user filesystem area begins in flash."""
def flash_read(byte_offset: int, length_or_buffer: Union[int, bytearray], /) -> Optional[bytes]:
    """Read raw flash at `byte_offset`."""
def flash_write(byte_offset: int, bytes: bytes, /) -> None:
    """Write raw flash (the sector must be erased first)."""
def flash_erase(sector_no: int, /) -> None:
    """Erase one 4 KiB flash sector."""
def osdebug(uart_no: Optional[int], level: int = ..., /) -> None:
    """Send (ESP8266) or filter (ESP32, with a level esp.LOG_*) the OS debug log on a UART; None turns it off."""
def set_native_code_location(start: Optional[int], length: Optional[int], /) -> None:
    """ESP8266: where @micropython.native code is stored (None, None = IRAM)."""
