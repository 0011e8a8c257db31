"""The pyboard (STM32 port) module: LEDs, switch, pins, timers, buses, servos, accelerometer and board control."""

from typing import Any, Callable, ClassVar, Final, Optional, Sequence, Union, overload
from _mpy_types import Buffer as _Buf, PinNames as _PinNames


def delay(ms: int, /) -> None:
    """Wait `ms` milliseconds."""
def udelay(us: int, /) -> None:
    """Wait `us` microseconds."""
def millis() -> int:
    """Milliseconds since reset (wraps after 2**30)."""
def micros() -> int:
    """Microseconds since reset (wraps after 2**30)."""
def elapsed_millis(start: int, /) -> int:
    """Milliseconds since `start` (a `millis()` value), wrap-safe."""
def elapsed_micros(start: int, /) -> int:
    """Microseconds since `start` (a `micros()` value), wrap-safe."""
def hard_reset() -> None:
    """Reset the board like its reset button."""
def bootloader() -> None:
    """Enter the DFU bootloader."""
def fault_debug(value: bool, /) -> None:
    """On a hard fault, stay halted (True) for debugging instead of resetting."""
def disable_irq() -> bool:
    """Turn interrupts off; returns the previous state."""
def enable_irq(state: bool = True, /) -> None:
    """Restore interrupts."""
@overload
def freq() -> tuple[int, int, int, int]:
    """(sysclk, hclk, pclk1, pclk2) in Hz."""
@overload
def freq(sysclk: int, hclk: int = ..., pclk1: int = ..., pclk2: int = ..., /) -> None:
    """Set the clock frequencies."""
def wfi() -> None:
    """Wait for an interrupt (low-power idle)."""
def stop() -> None:
    """Stop mode: deep sleep keeping RAM; wakes on an interrupt."""
def standby() -> None:
    """Standby mode: deepest sleep, wakes by reset."""
def have_cdc() -> bool:
    """Whether the USB serial link is connected."""
def hid(hidtuple: tuple[int, int, int, int], /) -> None:
    """Send a USB HID report (buttons, x, y, wheel)."""
def info(dump_alloc_table: Any = ..., /) -> None:
    """Print information about the board's memory and state."""
def main(filename: str, /) -> None:
    """Script to run after boot.py (call from boot.py)."""
def mount(device: Any, mountpoint: str, *, readonly: bool = False, mkfs: bool = False) -> None:
    """Mount a block device (older API: see os.mount)."""
def repl_uart(uart: Optional["UART"] = None, /) -> Optional["UART"]:
    """Mirror the REPL on a UART, or read which one."""
def rng() -> int:
    """A 30-bit hardware random number."""
def sync() -> None:
    """Flush the filesystems."""
def unique_id() -> bytes:
    """The MCU's 12-byte unique id."""
def usb_mode(modestr: Optional[str] = None, port: int = -1, vid: int = ..., pid: int = -1, msc: Sequence[Any] = (), hid: Any = ..., high_speed: bool = False) -> Optional[str]:
    """Choose the USB mode, e.g. "VCP+MSC" or "VCP+HID" (call from boot.py)."""

class LED:
    """One of the board's LEDs: 1 red, 2 green, 3 yellow, 4 blue."""
    def __init__(self, id: int, /) -> None:
        """LED number `id` (1..4)."""
    @overload
    def intensity(self) -> int:
        """Brightness 0..255 (LEDs 3 and 4)."""
    @overload
    def intensity(self, value: int, /) -> None:
        """Set brightness 0..255 (LEDs 3 and 4)."""
    def on(self) -> None:
        """Turn the LED on."""
    def off(self) -> None:
        """Turn the LED off."""
    def toggle(self) -> None:
        """Flip the LED."""

class Switch:
    """The USR button."""
    def __init__(self) -> None: ...
    def __call__(self) -> bool:
        """Whether the button is pressed."""
    def value(self) -> bool:
        """Whether the button is pressed."""
    def callback(self, fun: Optional[Callable[[], Any]], /) -> None:
        """Call `fun()` when the button is pressed (None removes it)."""


class Pin:
    """A GPIO pin by name (`Pin("X1")`, `Pin.board.X1`, `Pin.cpu.A0`)."""
    IN: Final[int]
    """Mode: input."""
    OUT_PP: Final[int]
    """Mode: push-pull output."""
    OUT_OD: Final[int]
    """Mode: open-drain output."""
    AF_PP: Final[int]
    """Mode: alternate function, push-pull."""
    AF_OD: Final[int]
    """Mode: alternate function, open-drain."""
    ANALOG: Final[int]
    """Mode: analog."""
    PULL_NONE: Final[int]
    """No pull resistor."""
    PULL_UP: Final[int]
    """Pull-up on."""
    PULL_DOWN: Final[int]
    """Pull-down on."""
    board: ClassVar[_PinNames["Pin"]]
    """Pins by board name (X1..X24, Y1..Y12, LED_RED, ...)."""
    cpu: ClassVar[_PinNames["Pin"]]
    """Pins by MCU name (A0, B6, ...)."""
    def __init__(self, id: Union[str, "Pin"], mode: int = ..., pull: int = ..., *, value: Optional[int] = None, alt: int = -1) -> None:
        """Pin `id` set up with `mode` and `pull`."""
    def init(self, mode: int, pull: int = ..., *, value: Optional[int] = None, alt: int = -1) -> None:
        """Set the pin up again."""
    @overload
    def value(self) -> int:
        """Read the level: 0 or 1."""
    @overload
    def value(self, value: Any, /) -> None:
        """Set the output level."""
    def high(self) -> None:
        """Drive high."""
    def low(self) -> None:
        """Drive low."""
    def on(self) -> None:
        """Drive high."""
    def off(self) -> None:
        """Drive low."""
    def name(self) -> str:
        """The pin's name."""
    def names(self) -> list[str]:
        """Every name of the pin."""
    def af(self) -> int:
        """The alternate function in use."""
    def af_list(self) -> list[Any]:
        """The alternate functions available."""
    def mode(self) -> int:
        """The current mode."""
    def pull(self) -> int:
        """The current pull setting."""
    def port(self) -> int:
        """The GPIO port number."""
    def pin(self) -> int:
        """The pin number within its port."""

class ExtInt:
    """An external interrupt on a pin."""
    IRQ_FALLING: Final[int]
    """Trigger on a falling edge."""
    IRQ_RISING: Final[int]
    """Trigger on a rising edge."""
    IRQ_RISING_FALLING: Final[int]
    """Trigger on both edges."""
    def __init__(self, pin: Union[str, Pin], mode: int, pull: int, callback: Callable[[int], Any]) -> None:
        """Call `callback(line)` when `pin` changes as `mode` says."""
    def disable(self) -> None:
        """Stop the interrupt."""
    def enable(self) -> None:
        """Restart the interrupt."""
    def line(self) -> int:
        """The interrupt line number."""
    def swint(self) -> None:
        """Trigger the callback from software."""

class ADC:
    """Analog input on a pin."""
    def __init__(self, pin: Union[str, Pin], /) -> None:
        """ADC on `pin`."""
    def read(self) -> int:
        """A 12-bit reading, 0..4095."""
    def read_timed(self, buf: _Buf, timer: Union["Timer", int], /) -> None:
        """Fill `buf` with readings taken at the rate of `timer`."""

class DAC:
    """Analog output (X5 and X6)."""
    NORMAL: Final[int]
    """write_timed mode: play the buffer once."""
    CIRCULAR: Final[int]
    """write_timed mode: loop over the buffer."""
    def __init__(self, port: Union[int, Pin], bits: int = 8, *, buffering: Optional[bool] = None) -> None:
        """DAC 1 or 2."""
    def write(self, value: int, /) -> None:
        """Output `value` as a voltage."""
    def write_timed(self, data: _Buf, freq: Union[int, "Timer"], *, mode: int = ...) -> None:
        """Play samples from `data` at `freq` Hz."""
    def triangle(self, freq: int, /) -> None:
        """Output a triangle wave."""
    def noise(self, freq: int, /) -> None:
        """Output noise."""

class TimerChannel:
    """One channel of a timer (PWM, output compare, input capture)."""
    def callback(self, fun: Optional[Callable[["Timer"], Any]], /) -> None:
        """Call `fun` when the channel triggers."""
    def capture(self, value: int = ..., /) -> int:
        """Captured value."""
    def compare(self, value: int = ..., /) -> int:
        """Compare value."""
    def pulse_width(self, value: int = ..., /) -> int:
        """PWM pulse width in timer ticks."""
    def pulse_width_percent(self, value: float = ..., /) -> float:
        """PWM duty cycle in percent."""

class Timer:
    """A hardware timer (1..14): periodic callbacks and PWM channels."""
    UP: Final[int]
    """Counter mode: count up."""
    DOWN: Final[int]
    """Counter mode: count down."""
    CENTER: Final[int]
    """Counter mode: up then down (centre-aligned)."""
    PWM: Final[int]
    """Channel mode: PWM."""
    PWM_INVERTED: Final[int]
    """Channel mode: PWM, active low."""
    OC_TIMING: Final[int]
    """Channel mode: output compare, timing only."""
    OC_ACTIVE: Final[int]
    """Channel mode: output compare, pin goes active on match."""
    OC_INACTIVE: Final[int]
    """Channel mode: output compare, pin goes inactive on match."""
    OC_TOGGLE: Final[int]
    """Channel mode: output compare, pin toggles on match."""
    IC: Final[int]
    """Channel mode: input capture."""
    ENC_A: Final[int]
    """Channel mode: quadrature encoder on channel A."""
    ENC_B: Final[int]
    """Channel mode: quadrature encoder on channel B."""
    ENC_AB: Final[int]
    """Channel mode: quadrature encoder on both channels."""
    HIGH: Final[int]
    """Polarity: active high."""
    LOW: Final[int]
    """Polarity: active low."""
    RISING: Final[int]
    """Capture on the rising edge."""
    FALLING: Final[int]
    """Capture on the falling edge."""
    BOTH: Final[int]
    """Capture on both edges."""
    def __init__(self, id: int, /, *, freq: float = ..., prescaler: int = ..., period: int = ..., mode: int = ..., div: int = 1, callback: Optional[Callable[["Timer"], Any]] = None, deadtime: int = 0) -> None:
        """Timer `id`, started when `freq` (or prescaler and period) are given."""
    def init(self, *, freq: float = ..., prescaler: int = ..., period: int = ..., mode: int = ..., div: int = 1, callback: Optional[Callable[["Timer"], Any]] = None, deadtime: int = 0) -> None:
        """Configure and start the timer."""
    def deinit(self) -> None:
        """Stop the timer."""
    def callback(self, fun: Optional[Callable[["Timer"], Any]], /) -> None:
        """Call `fun(timer)` on each overflow."""
    def channel(self, channel: int, mode: int = ..., pin: Optional[Pin] = None, **kwargs: Any) -> TimerChannel:
        """Set up channel `channel`, e.g. `channel(1, Timer.PWM, pin=Pin("X1"), pulse_width_percent=50)`."""
    def counter(self, value: int = ..., /) -> int:
        """The counter value."""
    def freq(self, value: float = ..., /) -> float:
        """The frequency in Hz."""
    def period(self, value: int = ..., /) -> int:
        """The period in ticks."""
    def prescaler(self, value: int = ..., /) -> int:
        """The prescaler."""
    def source_freq(self) -> int:
        """The source clock frequency."""

class UART:
    """A serial port: 1..6 (X9/X10 is 1, X1/X2 is 4, Y1/Y2 is 6)."""
    RTS: Final[int]
    """Flow control: use RTS."""
    CTS: Final[int]
    """Flow control: use CTS."""
    def __init__(self, bus: Union[int, str], baudrate: int = ..., bits: int = 8, parity: Optional[int] = None, stop: int = 1, *, timeout: int = 0, flow: int = 0, timeout_char: int = 0, read_buf_len: int = 64) -> None:
        """UART `bus`, initialised when `baudrate` is given."""
    def init(self, baudrate: int, bits: int = 8, parity: Optional[int] = None, stop: int = 1, *, timeout: int = 0, flow: int = 0, timeout_char: int = 0, read_buf_len: int = 64) -> None:
        """Set the port up."""
    def deinit(self) -> None:
        """Turn the port off."""
    def any(self) -> int:
        """Bytes waiting."""
    def read(self, nbytes: int = ..., /) -> Optional[bytes]:
        """Read bytes; None on timeout."""
    def readchar(self) -> int:
        """Read one byte (-1 on timeout)."""
    def readinto(self, buf: Union[bytearray, memoryview], nbytes: int = ..., /) -> Optional[int]:
        """Read into `buf`."""
    def readline(self) -> Optional[bytes]:
        """Read one line."""
    def write(self, buf: Union[_Buf, str], /) -> Optional[int]:
        """Send bytes."""
    def writechar(self, char: int, /) -> None:
        """Send one byte."""
    def sendbreak(self) -> None:
        """Send a break condition."""

class I2C:
    """I2C bus 1 (X9/X10) or 2 (Y9/Y10), as controller or peripheral."""
    CONTROLLER: Final[int]
    """Act as the bus controller."""
    PERIPHERAL: Final[int]
    """Act as a peripheral at `addr`."""
    MASTER: Final[int]
    """Old name of CONTROLLER."""
    SLAVE: Final[int]
    """Old name of PERIPHERAL."""
    def __init__(self, bus: Union[int, str], mode: int = ..., *, addr: int = 0x12, baudrate: int = 400_000, gencall: bool = False, dma: bool = False) -> None:
        """I2C `bus`, initialised when `mode` is given."""
    def init(self, mode: int, *, addr: int = 0x12, baudrate: int = 400_000, gencall: bool = False, dma: bool = False) -> None:
        """Set the bus up."""
    def deinit(self) -> None:
        """Turn the bus off."""
    def is_ready(self, addr: int, /) -> bool:
        """Whether a device answers at `addr`."""
    def scan(self) -> list[int]:
        """Addresses of the devices that answer."""
    def mem_read(self, data: Union[int, bytearray], addr: int, memaddr: int, *, timeout: int = 5000, addr_size: int = 8) -> bytes:
        """Read from register `memaddr` of the device at `addr`."""
    def mem_write(self, data: Union[int, _Buf], addr: int, memaddr: int, *, timeout: int = 5000, addr_size: int = 8) -> None:
        """Write to register `memaddr` of the device at `addr`."""
    def recv(self, recv: Union[int, bytearray], addr: int = 0x00, *, timeout: int = 5000) -> bytes:
        """Receive bytes."""
    def send(self, send: Union[int, _Buf], addr: int = 0x00, *, timeout: int = 5000) -> None:
        """Send bytes."""

class SPI:
    """SPI bus 1 (X5-X8) or 2 (Y5-Y8)."""
    CONTROLLER: Final[int]
    """Mode: bus controller."""
    PERIPHERAL: Final[int]
    """Mode: peripheral."""
    MASTER: Final[int]
    """Old name of CONTROLLER."""
    SLAVE: Final[int]
    """Old name of PERIPHERAL."""
    MSB: Final[int]
    """Most significant bit first."""
    LSB: Final[int]
    """Least significant bit first."""
    def __init__(self, bus: Union[int, str], mode: int = ..., baudrate: int = 328125, *, prescaler: int = ..., polarity: int = 1, phase: int = 0, bits: int = 8, firstbit: int = ..., ti: bool = False, crc: Optional[int] = None) -> None:
        """SPI `bus`, initialised when `mode` is given."""
    def init(self, mode: int, baudrate: int = 328125, *, prescaler: int = ..., polarity: int = 1, phase: int = 0, bits: int = 8, firstbit: int = ..., ti: bool = False, crc: Optional[int] = None) -> None:
        """Set the bus up."""
    def deinit(self) -> None:
        """Turn the bus off."""
    def recv(self, recv: Union[int, bytearray], *, timeout: int = 5000) -> bytes:
        """Receive bytes."""
    def send(self, send: Union[int, _Buf], *, timeout: int = 5000) -> None:
        """Send bytes."""
    def send_recv(self, send: Union[int, _Buf], recv: Optional[bytearray] = None, *, timeout: int = 5000) -> bytes:
        """Send and receive at the same time."""

class CAN:
    """CAN bus controller."""
    NORMAL: Final[int]
    """Mode: normal operation on the bus."""
    LOOPBACK: Final[int]
    """Mode: loop sent messages back, not on the bus (testing)."""
    SILENT: Final[int]
    """Mode: listen only."""
    SILENT_LOOPBACK: Final[int]
    """Mode: loopback without driving the bus."""
    LIST16: Final[int]
    """Filter: two lists of 16-bit ids."""
    MASK16: Final[int]
    """Filter: two 16-bit id/mask pairs."""
    LIST32: Final[int]
    """Filter: list of 32-bit ids."""
    MASK32: Final[int]
    """Filter: a 32-bit id/mask pair."""
    def __init__(self, bus: Union[int, str], mode: int = ..., *, baudrate: int = 0, prescaler: int = 100, sjw: int = 1, bs1: int = 6, bs2: int = 8, auto_restart: bool = False) -> None:
        """CAN `bus`, initialised when `mode` is given."""
    def init(self, mode: int, *, baudrate: int = 0, prescaler: int = 100, sjw: int = 1, bs1: int = 6, bs2: int = 8, auto_restart: bool = False) -> None:
        """Set the bus up."""
    def deinit(self) -> None:
        """Turn the bus off."""
    def restart(self) -> None:
        """Leave the bus-off state."""
    def state(self) -> int:
        """The controller state."""
    def any(self, fifo: int, /) -> bool:
        """Whether a message waits in `fifo`."""
    def setfilter(self, bank: int, mode: int, fifo: int, params: Sequence[int], *, rtr: Any = None, extframe: bool = False) -> None:
        """Accept only matching message ids into `fifo`."""
    def clearfilter(self, bank: int, extframe: bool = False) -> None:
        """Remove a filter."""
    def send(self, data: Union[int, _Buf], id: int, *, timeout: int = 0, rtr: bool = False, extframe: bool = False) -> None:
        """Send a message with `id`."""
    def recv(self, fifo: int, list: Optional[list[Any]] = None, *, timeout: int = 5000) -> tuple[int, bool, int, bytes]:
        """Receive (id, rtr, filter match index, data)."""
    def rxcallback(self, fifo: int, fun: Optional[Callable[["CAN", int], Any]], /) -> None:
        """Call `fun(can, reason)` when a message arrives."""

class Servo:
    """A hobby servo on X1..X4 (ids 1..4)."""
    def __init__(self, id: int, /) -> None:
        """Servo on output `id`."""
    def angle(self, angle: float = ..., time: int = 0, /) -> float:
        """Read, or move to `angle` degrees over `time` ms."""
    def speed(self, speed: float = ..., time: int = 0, /) -> float:
        """Read, or set the speed (continuous-rotation servos)."""
    def pulse_width(self, value: int = ..., /) -> int:
        """Read or set the raw pulse width in microseconds."""
    def calibration(self, pulse_min: int = ..., pulse_max: int = ..., pulse_centre: int = ..., pulse_angle_90: int = ..., pulse_speed_100: int = ..., /) -> Optional[tuple[int, int, int, int, int]]:
        """Read or set the calibration."""

class Accel:
    """The on-board accelerometer (pyboard v1.x)."""
    def __init__(self) -> None: ...
    def filtered_xyz(self) -> tuple[int, int, int]:
        """Smoothed (x, y, z)."""
    def tilt(self) -> int:
        """The tilt register."""
    def x(self) -> int:
        """Acceleration along x (about 21 per g)."""
    def y(self) -> int:
        """Acceleration along y."""
    def z(self) -> int:
        """Acceleration along z."""

class RTC:
    """The real-time clock."""
    def __init__(self) -> None: ...
    @overload
    def datetime(self) -> tuple[int, int, int, int, int, int, int, int]:
        """(year, month, day, weekday, hours, minutes, seconds, subseconds); weekday 1 = Monday."""
    @overload
    def datetime(self, datetimetuple: tuple[int, int, int, int, int, int, int, int], /) -> None:
        """Set the date and time."""
    def wakeup(self, timeout: Optional[int], callback: Optional[Callable[["RTC"], Any]] = None, /) -> None:
        """Wake from sleep (and call `callback`) every `timeout` ms; None turns it off."""
    def info(self) -> int:
        """Clock source and startup details."""
    def calibration(self, cal: int = ..., /) -> int:
        """Read or set the clock trim."""

class USB_VCP:
    """The USB virtual serial port."""
    def __init__(self, id: int = 0, /) -> None: ...
    def isconnected(self) -> bool:
        """Whether a host has the port open."""
    def any(self) -> bool:
        """Whether bytes wait."""
    def read(self, nbytes: int = ..., /) -> Optional[bytes]:
        """Read bytes."""
    def write(self, buf: _Buf, /) -> int:
        """Send bytes."""
    def setinterrupt(self, chr: int, /) -> None:
        """The character that raises KeyboardInterrupt (-1 off)."""
