"""Time: delays, millisecond/microsecond tick counters, and the calendar clock."""

from typing import Optional

def sleep(seconds: float, /) -> None:
    """Pause for `seconds` (a float allows fractions on most ports)."""
def sleep_ms(ms: int, /) -> None:
    """Pause for `ms` milliseconds."""
def sleep_us(us: int, /) -> None:
    """Pause for `us` microseconds (busy-waits for short delays)."""
def ticks_ms() -> int:
    """A millisecond counter that wraps around; compare readings only with `ticks_diff`."""
def ticks_us() -> int:
    """A microsecond counter that wraps around; compare readings only with `ticks_diff`."""
def ticks_cpu() -> int:
    """The highest-resolution counter the port has (often CPU cycles); wraps around."""
def ticks_add(ticks: int, delta: int, /) -> int:
    """A tick value `delta` ticks after (or before, if negative) `ticks`, wrapping correctly; for deadlines."""
def ticks_diff(ticks1: int, ticks2: int, /) -> int:
    """Signed difference `ticks1 - ticks2` of two tick readings, correct across wrap-around."""
def time() -> int:
    """Seconds since the Epoch (an int; the Epoch is 2000-01-01 on some ports, 1970-01-01 on most new ones)."""
def time_ns() -> int:
    """Nanoseconds since the Epoch."""
def localtime(secs: Optional[int] = None, /) -> tuple[int, int, int, int, int, int, int, int]:
    """Seconds since the Epoch as (year, month, mday, hour, minute, second, weekday, yearday), local time; now if omitted."""
def gmtime(secs: Optional[int] = None, /) -> tuple[int, int, int, int, int, int, int, int]:
    """Seconds since the Epoch as (year, month, mday, hour, minute, second, weekday, yearday), UTC."""
def mktime(local_time: tuple[int, ...], /) -> int:
    """The inverse of `localtime`: a full 8-tuple to seconds since the Epoch."""
