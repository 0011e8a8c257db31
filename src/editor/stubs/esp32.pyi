"""ESP32 specific features: partitions and OTA, RMT pulses, NVS storage, ULP coprocessor, deep-sleep wake sources."""

from typing import Any, Final, Iterable, Optional, Sequence, Union, overload

WAKEUP_ALL_LOW: Final[int]
"""`wake_on_ext1` level: wake when all selected pins are low."""
WAKEUP_ANY_HIGH: Final[int]
"""`wake_on_ext1` level: wake when any selected pin is high."""
HEAP_DATA: Final[int]
"""`idf_heap_info` capability: data memory."""
HEAP_EXEC: Final[int]
"""`idf_heap_info` capability: executable memory."""

def wake_on_touch(wake: bool, /) -> None:
    """Let touch pins wake the chip from deep sleep."""
def wake_on_ulp(wake: bool, /) -> None:
    """Let the ULP coprocessor wake the chip."""
def wake_on_ext0(pin: Optional[Any], level: int, /) -> None:
    """Wake from deep sleep when RTC-capable `pin` reaches `level` (0 or 1)."""
def wake_on_ext1(pins: Optional[Sequence[Any]], level: int, /) -> None:
    """Wake when several RTC pins match `level` (esp32.WAKEUP_ALL_LOW or WAKEUP_ANY_HIGH)."""
def wake_on_gpio(pins: Optional[Sequence[Any]], level: int, /) -> None:
    """ESP32-C3/C6 and others: wake from sleep on GPIO `pins` at `level` (esp32.WAKEUP_ALL_LOW or WAKEUP_ANY_HIGH)."""
def idf_task_info() -> tuple[Optional[int], list[tuple[int, str, int, int, Optional[int], int, Optional[int]]]]:
    """Running ESP-IDF/FreeRTOS tasks (needs a build with trace facility): (total runtime, [(id, name, state,
    priority, runtime, stack high-water mark, core), ...]); runtime and core are None when not configured."""
def gpio_deep_sleep_hold(enable: bool, /) -> None:
    """Keep GPIO levels held during deep sleep."""
def raw_temperature() -> int:
    """Original ESP32 only: the internal temperature sensor, raw in degrees Fahrenheit (imprecise)."""
def mcu_temperature() -> int:
    """ESP32-S2/S3/C3/C6: the internal temperature in degrees C."""
def hall_sensor() -> int:
    """Original ESP32 only (older firmware): raw reading of the internal Hall-effect sensor."""
def idf_heap_info(capabilities: int, /) -> list[tuple[int, int, int, int]]:
    """ESP-IDF heap regions with `capabilities` (esp32.HEAP_DATA / HEAP_EXEC): (total, free, largest free block, minimum free ever)."""

class Partition:
    """A flash partition: raw block device access and OTA (over-the-air) updates."""
    BOOT: Final[int]
    """`Partition(Partition.BOOT)`: the partition that will boot next."""
    RUNNING: Final[int]
    """`Partition(Partition.RUNNING)`: the partition running now."""
    TYPE_APP: Final[int]
    """Partition type: application firmware."""
    TYPE_DATA: Final[int]
    """Partition type: data (nvs, filesystem, ...)."""
    def __init__(self, id: Union[int, str], block_size: int = 4096, /) -> None:
        """The partition named `id`, or Partition.BOOT / Partition.RUNNING."""
    @staticmethod
    def find(type: int = ..., subtype: int = 0xFF, label: Optional[str] = None, block_size: int = 4096) -> list["Partition"]:
        """Partitions matching type, subtype and label."""
    def info(self) -> tuple[int, int, int, int, str, bool]:
        """(type, subtype, address, size, label, encrypted)."""
    def readblocks(self, block_num: int, buf: bytearray, offset: int = ..., /) -> None:
        """Read blocks into `buf`."""
    def writeblocks(self, block_num: int, buf: bytes, offset: int = ..., /) -> None:
        """Write blocks from `buf`."""
    def ioctl(self, cmd: int, arg: int, /) -> Optional[int]:
        """Block device control."""
    def set_boot(self) -> None:
        """Boot from this partition next time."""
    def get_next_update(self) -> "Partition":
        """The OTA partition to write the next update into."""
    @staticmethod
    def mark_app_valid_cancel_rollback() -> None:
        """Confirm the running OTA firmware works, so the bootloader will not roll back."""

class RMT:
    """Remote-control peripheral: sends precisely timed pulse trains (IR remotes, LED protocols)."""
    PULSE_MAX: Final[int]
    """Largest duration one pulse can have, in resolution units."""
    def __init__(
        self,
        channel: int = ...,
        *,
        pin: Any,
        resolution_hz: int = 10_000_000,
        clock_div: Optional[int] = None,
        idle_level: bool = False,
        num_symbols: int = ...,
        tx_carrier: Optional[tuple[int, int, bool]] = None,
    ) -> None:
        """RMT output on `pin`; durations count in units of 1/`resolution_hz` s (`clock_div` is the older way);
        optional carrier (frequency Hz, duty %, level). `channel` is ignored on recent firmware."""
    @staticmethod
    def source_freq() -> int:
        """The source clock frequency in Hz (80 MHz)."""
    def clock_div(self) -> int:
        """The clock divider (deprecated)."""
    def wait_done(self, *, timeout: int = 0) -> bool:
        """True when idle, waiting up to `timeout` ms for a transmission to finish."""
    def loop(self, enable_loop: bool, /) -> None:
        """Repeat the next pulse train until looping is turned off."""
    def loop_count(self, n: int, /) -> None:
        """Repeat the next pulse train `n` times (0 off, -1 forever)."""
    @overload
    def active(self) -> bool:
        """Whether a transmission is in progress."""
    @overload
    def active(self, value: bool, /) -> None:
        """Stop the current transmission (False) or restart a stopped loop (True)."""
    def write_pulses(self, duration: Union[int, Sequence[int]], data: Union[bool, Sequence[bool]] = True, /) -> None:
        """Send pulses: durations in resolution units, with levels given by `data` (alternating from it when a bool)."""
    def deinit(self) -> None:
        """Release the channel."""

class NVS:
    """Non-volatile storage: small key/value settings in flash that survive reflashing the filesystem."""
    def __init__(self, namespace: str, /) -> None:
        """The settings of `namespace`."""
    def set_i32(self, key: str, value: int, /) -> None:
        """Store a 32-bit integer (call `commit()` to save)."""
    def get_i32(self, key: str, /) -> int:
        """Read a 32-bit integer; OSError if absent."""
    def set_blob(self, key: str, value: Union[bytes, bytearray, str], /) -> None:
        """Store bytes (call `commit()` to save)."""
    def get_blob(self, key: str, buffer: bytearray, /) -> int:
        """Read bytes into `buffer`; returns their length."""
    def erase_key(self, key: str, /) -> None:
        """Delete a key."""
    def commit(self) -> None:
        """Write changes to flash."""

class ULP:
    """The ultra-low-power coprocessor, which runs while the main cores sleep."""
    def __init__(self) -> None: ...
    def set_wakeup_period(self, period_index: int, period_us: int, /) -> None:
        """How often the ULP wakes."""
    def load_binary(self, load_addr: int, program_binary: bytes, /) -> None:
        """Load a ULP program into RTC memory."""
    def run(self, entry_point: int, /) -> None:
        """Start the ULP program."""
