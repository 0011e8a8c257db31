"""Hardware of the board: pins, ADC, PWM, buses (I2C, SPI, UART), timers, RTC, watchdog, power and reset.

Names are the same on every port; which pins, ids and keyword arguments a port accepts differs (noted below)."""

from typing import Any, Callable, ClassVar, Final, Optional, Sequence, Union, overload
from typing_extensions import TypeAlias
from _mpy_types import Buffer as _Buffer, WBuffer as _WBuffer, PinNames as _PinNames, Mem as _Mem



class Pin:
    """One GPIO pin: digital input or output, with pull resistors and interrupts.

    `Pin(2, Pin.OUT)` makes pin 2 an output; `Pin(0, Pin.IN, Pin.PULL_UP)` an input with its pull-up on."""

    IN: Final[int]
    """Mode: digital input."""
    OUT: Final[int]
    """Mode: push-pull digital output."""
    OPEN_DRAIN: Final[int]
    """Mode: open-drain output (drives low, floats for high)."""
    ALT: Final[int]
    """Mode: the pin is given to a peripheral function (port-specific)."""
    ALT_OPEN_DRAIN: Final[int]
    """Mode: peripheral function with open-drain output (port-specific)."""
    ANALOG: Final[int]
    """Mode: analog use (port-specific)."""
    PULL_UP: Final[int]
    """Pull: internal pull-up resistor on."""
    PULL_DOWN: Final[int]
    """Pull: internal pull-down resistor on."""
    PULL_HOLD: Final[int]
    """Pull: keep the pin's state through deep sleep (some ports)."""
    DRIVE_0: Final[int]
    """Drive strength: weakest."""
    DRIVE_1: Final[int]
    """Drive strength: level 1."""
    DRIVE_2: Final[int]
    """Drive strength: level 2."""
    DRIVE_3: Final[int]
    """Drive strength: strongest (port-specific)."""
    IRQ_FALLING: Final[int]
    """Interrupt on a falling edge."""
    IRQ_RISING: Final[int]
    """Interrupt on a rising edge."""
    IRQ_LOW_LEVEL: Final[int]
    """Interrupt while the pin is low (port-specific)."""
    IRQ_HIGH_LEVEL: Final[int]
    """Interrupt while the pin is high (port-specific)."""

    board: ClassVar[_PinNames["Pin"]]
    """Pins by their board names (ports that define them), e.g. `Pin.board.LED`."""

    cpu: ClassVar[_PinNames["Pin"]]
    """Pins by their MCU names (ports that define them)."""

    def __init__(
        self,
        id: Union[int, str, "Pin"],
        mode: int = -1,
        pull: Optional[int] = -1,
        *,
        value: Optional[int] = None,
        drive: int = ...,
        alt: int = -1,
    ) -> None:
        """Get pin `id` (a number, or a name on some ports) and set it up: `mode` (Pin.IN, Pin.OUT, ...),
        `pull` (Pin.PULL_UP, Pin.PULL_DOWN, None), and for outputs an initial `value`."""
    def init(
        self, mode: int = -1, pull: Optional[int] = -1, *, value: Optional[int] = None, drive: int = ..., alt: int = -1
    ) -> None:
        """Set the pin up again; arguments left out keep their current setting."""
    @overload
    def value(self) -> int:
        """Read the pin level: 0 or 1."""
    @overload
    def value(self, x: Any, /) -> None:
        """Set an output's level: any truthy `x` drives it high."""
    @overload
    def __call__(self) -> int:
        """Shortcut for `value()`: read the pin level."""
    @overload
    def __call__(self, x: Any, /) -> None:
        """Shortcut for `value(x)`: set the level."""
    def on(self) -> None:
        """Drive the pin high (1)."""
    def off(self) -> None:
        """Drive the pin low (0)."""
    def high(self) -> None:
        """Drive the pin high (1)."""
    def low(self) -> None:
        """Drive the pin low (0)."""
    def toggle(self) -> None:
        """Flip an output between high and low (rp2, mimxrt, samd, ...)."""
    def irq(
        self,
        handler: Optional[Callable[["Pin"], Any]] = None,
        trigger: int = ...,
        *,
        priority: int = 1,
        wake: Optional[int] = None,
        hard: bool = False,
    ) -> Any:
        """Call `handler(pin)` when the pin changes (`trigger`: Pin.IRQ_FALLING, Pin.IRQ_RISING, or both OR-ed).
        With `hard=True` the handler runs in interrupt context: it must not allocate memory."""
    @overload
    def mode(self) -> int:
        """The pin's current mode."""
    @overload
    def mode(self, mode: int, /) -> None:
        """Change the pin's mode."""
    @overload
    def pull(self) -> Optional[int]:
        """The pin's current pull setting."""
    @overload
    def pull(self, pull: Optional[int], /) -> None:
        """Change the pin's pull setting."""
    @overload
    def drive(self) -> int:
        """The pin's current drive strength."""
    @overload
    def drive(self, drive: int, /) -> None:
        """Change the pin's drive strength."""

class Signal:
    """A pin seen as on/off, optionally inverted (for active-low LEDs and buttons)."""
    @overload
    def __init__(self, pin: Pin, /, *, invert: bool = False) -> None:
        """Wrap an existing pin; `invert=True` makes `on()` drive it low."""
    @overload
    def __init__(
        self, id: Union[int, str, "Pin"], /, mode: int = -1, pull: Optional[int] = -1, *, value: Optional[int] = None, invert: bool = False
    ) -> None: ...
    @overload
    def value(self) -> int:
        """Whether the signal is active (1) or not (0)."""
    @overload
    def value(self, x: Any, /) -> None:
        """Make the signal active (truthy `x`) or inactive."""
    def on(self) -> None:
        """Make the signal active."""
    def off(self) -> None:
        """Make the signal inactive."""

class ADC:
    """Analog-to-digital converter on one pin: reads a voltage as a number."""
    ATTN_0DB: Final[int]
    """ESP32: range up to about 1.1 V (0 dB attenuation)."""
    ATTN_2_5DB: Final[int]
    """ESP32: range up to about 1.5 V."""
    ATTN_6DB: Final[int]
    """ESP32: range up to about 2.2 V."""
    ATTN_11DB: Final[int]
    """ESP32: range up to about 3.3 V (full scale)."""
    WIDTH_9BIT: Final[int]
    """ESP32: 9-bit results for `read()`."""
    WIDTH_10BIT: Final[int]
    """ESP32: 10-bit results for `read()`."""
    WIDTH_11BIT: Final[int]
    """ESP32: 11-bit results for `read()`."""
    WIDTH_12BIT: Final[int]
    """ESP32: 12-bit results for `read()`."""
    CORE_TEMP: Final[int]
    """rp2: channel of the internal temperature sensor."""
    def __init__(self, id: Union[int, Pin], *, sample_ns: int = ..., atten: int = ...) -> None:
        """ADC on pin (or channel) `id`; `atten` sets the input range on ports that support it (ESP32)."""
    def init(self, *, sample_ns: int = ..., atten: int = ...) -> None:
        """Change the sampling time or attenuation."""
    def read_u16(self) -> int:
        """Take a reading scaled to 0..65535 whatever the converter's resolution."""
    def read_uv(self) -> int:
        """Take a reading in microvolts (calibrated where the port can)."""
    def read(self) -> int:
        """ESP32/ESP8266: raw reading at the configured width (0..4095 for 12 bits)."""
    def atten(self, attenuation: int, /) -> None:
        """ESP32: set the input attenuation (ADC.ATTN_*)."""
    def width(self, bits: int, /) -> None:
        """ESP32: set the result width of `read()` (ADC.WIDTH_*)."""
    def block(self) -> Any:
        """The ADCBlock this channel belongs to."""

class DAC:
    """Digital-to-analog converter (ESP32 pins 25 and 26, some STM32 and SAMD)."""
    def __init__(self, pin: Union[int, Pin], /, bits: int = 8) -> None:
        """DAC on `pin`."""
    def write(self, value: int, /) -> None:
        """Output `value` (0..255 for 8 bits) as a voltage."""

class PWM:
    """Pulse-width modulation on a pin: a square wave with a settable frequency and duty cycle (LED dimming, servos, buzzers)."""
    def __init__(
        self,
        dest: Union[Pin, int],
        /,
        *,
        freq: int = ...,
        duty_u16: int = ...,
        duty_ns: int = ...,
        duty: int = ...,
        invert: bool = False,
    ) -> None:
        """PWM on pin `dest` with `freq` Hz and a duty cycle given by `duty_u16` (0..65535) or `duty_ns`."""
    def init(self, *, freq: int = ..., duty_u16: int = ..., duty_ns: int = ..., invert: bool = False) -> None:
        """Change several settings at once."""
    def deinit(self) -> None:
        """Stop the PWM output."""
    @overload
    def freq(self) -> int:
        """The current frequency in Hz."""
    @overload
    def freq(self, value: int, /) -> None:
        """Set the frequency in Hz."""
    @overload
    def duty_u16(self) -> int:
        """The current duty cycle, 0..65535."""
    @overload
    def duty_u16(self, value: int, /) -> None:
        """Set the duty cycle as 0..65535 (65535 = always high)."""
    @overload
    def duty_ns(self) -> int:
        """The current high time of each pulse in nanoseconds."""
    @overload
    def duty_ns(self, value: int, /) -> None:
        """Set the high time of each pulse in nanoseconds."""
    @overload
    def duty(self) -> int:
        """ESP32/ESP8266 (older API): the duty cycle as 0..1023."""
    @overload
    def duty(self, value: int, /) -> None:
        """ESP32/ESP8266 (older API): set the duty cycle as 0..1023."""

class I2C:
    """I2C bus controller (hardware). Talks to sensors and displays by 7-bit address."""
    def __init__(
        self, id: Union[int, str] = ..., /, *, scl: Union[int, str, "Pin"] = ..., sda: Union[int, str, "Pin"] = ..., freq: int = 400_000, timeout: int = 50_000
    ) -> None:
        """Open hardware I2C bus `id`; on ports with a pin matrix (ESP32, rp2) `scl` and `sda` choose the pins."""
    def init(self, *, scl: Union[int, str, "Pin"] = ..., sda: Union[int, str, "Pin"] = ..., freq: int = 400_000, timeout: int = 50_000) -> None:
        """Set the bus up again."""
    def deinit(self) -> None:
        """Release the bus."""
    def scan(self) -> list[int]:
        """Addresses (0x08..0x77) of the devices that answer on the bus."""
    def start(self) -> None:
        """Primitive: send a START condition."""
    def stop(self) -> None:
        """Primitive: send a STOP condition."""
    def readinto(self, buf: _WBuffer, nack: bool = True, /) -> None:
        """Primitive: read bytes into `buf`, NACK-ing the last one when `nack`."""
    def write(self, buf: _Buffer, /) -> int:
        """Primitive: write `buf`; returns how many bytes were ACK-ed."""
    def readfrom(self, addr: int, nbytes: int, stop: bool = True, /) -> bytes:
        """Read `nbytes` from the device at `addr`."""
    def readfrom_into(self, addr: int, buf: _WBuffer, stop: bool = True, /) -> None:
        """Read from the device at `addr` into `buf`."""
    def writeto(self, addr: int, buf: _Buffer, stop: bool = True, /) -> int:
        """Write `buf` to the device at `addr`; returns how many bytes were ACK-ed."""
    def writevto(self, addr: int, vector: Sequence[_Buffer], stop: bool = True, /) -> int:
        """Write several buffers to `addr` in one transaction."""
    def readfrom_mem(self, addr: int, memaddr: int, nbytes: int, *, addrsize: int = 8) -> bytes:
        """Read `nbytes` from register `memaddr` of the device at `addr`."""
    def readfrom_mem_into(self, addr: int, memaddr: int, buf: _WBuffer, *, addrsize: int = 8) -> None:
        """Read from register `memaddr` of the device at `addr` into `buf`."""
    def writeto_mem(self, addr: int, memaddr: int, buf: _Buffer, *, addrsize: int = 8) -> None:
        """Write `buf` to register `memaddr` of the device at `addr`."""

class SoftI2C(I2C):
    """I2C bus in software (bit-banged) on any two pins."""
    def __init__(self, scl: Union[int, str, "Pin"], sda: Union[int, str, "Pin"], *, freq: int = 400_000, timeout: int = 50_000) -> None:
        """I2C on pins `scl` and `sda`."""

class SPI:
    """SPI bus controller (hardware): fast full-duplex transfers to displays, SD cards, radios."""
    CONTROLLER: Final[int]
    """Role: bus controller (the only role supported)."""
    MASTER: Final[int]
    """Old name of CONTROLLER."""
    MSB: Final[int]
    """Send the most significant bit first."""
    LSB: Final[int]
    """Send the least significant bit first."""
    def __init__(
        self,
        id: Union[int, str],
        /,
        baudrate: int = 1_000_000,
        *,
        polarity: int = 0,
        phase: int = 0,
        bits: int = 8,
        firstbit: int = ...,
        sck: Optional[Union[int, str, "Pin"]] = None,
        mosi: Optional[Union[int, str, "Pin"]] = None,
        miso: Optional[Union[int, str, "Pin"]] = None,
        pins: Optional[tuple[Any, Any, Any]] = None,
    ) -> None:
        """Open hardware SPI bus `id` at `baudrate`, clock `polarity`/`phase` (the SPI mode); pins where the port lets you pick."""
    def init(
        self,
        baudrate: int = 1_000_000,
        *,
        polarity: int = 0,
        phase: int = 0,
        bits: int = 8,
        firstbit: int = ...,
        sck: Optional[Union[int, str, "Pin"]] = None,
        mosi: Optional[Union[int, str, "Pin"]] = None,
        miso: Optional[Union[int, str, "Pin"]] = None,
        pins: Optional[tuple[Any, Any, Any]] = None,
    ) -> None:
        """Set the bus up again."""
    def deinit(self) -> None:
        """Release the bus."""
    def read(self, nbytes: int, write: int = 0x00, /) -> bytes:
        """Read `nbytes` while sending `write` for each."""
    def readinto(self, buf: _WBuffer, write: int = 0x00, /) -> None:
        """Fill `buf` while sending `write` for each byte."""
    def write(self, buf: _Buffer, /) -> None:
        """Send `buf`."""
    def write_readinto(self, write_buf: _Buffer, read_buf: _WBuffer, /) -> None:
        """Send `write_buf` and at the same time read into `read_buf` (same length; may be the same buffer)."""

class SoftSPI(SPI):
    """SPI bus in software (bit-banged) on any three pins."""
    def __init__(
        self,
        baudrate: int = 500_000,
        *,
        polarity: int = 0,
        phase: int = 0,
        bits: int = 8,
        firstbit: int = ...,
        sck: Optional[Union[int, str, "Pin"]] = None,
        mosi: Optional[Union[int, str, "Pin"]] = None,
        miso: Optional[Union[int, str, "Pin"]] = None,
    ) -> None:
        """SPI on pins `sck`, `mosi`, `miso`."""

class UART:
    """Serial port (UART): `write` and `read` bytes to a GPS, modem, another board..."""
    INV_TX: Final[int]
    """Invert the TX line."""
    INV_RX: Final[int]
    """Invert the RX line."""
    INV_RTS: Final[int]
    """Invert the RTS line."""
    INV_CTS: Final[int]
    """Invert the CTS line."""
    RTS: Final[int]
    """Flow control: use RTS."""
    CTS: Final[int]
    """Flow control: use CTS."""
    IRQ_RX: Final[int]
    """Interrupt when a byte arrives (some ports)."""
    IRQ_RXIDLE: Final[int]
    """Interrupt when the line goes idle after receiving."""
    IRQ_TXIDLE: Final[int]
    """Interrupt when everything has been sent."""
    IRQ_BREAK: Final[int]
    """Interrupt on a break condition."""
    def __init__(
        self,
        id: Union[int, str],
        baudrate: int = 9600,
        bits: int = 8,
        parity: Optional[int] = None,
        stop: int = 1,
        *,
        tx: Optional[Union[int, str, "Pin"]] = None,
        rx: Optional[Union[int, str, "Pin"]] = None,
        rts: Optional[Union[int, str, "Pin"]] = None,
        cts: Optional[Union[int, str, "Pin"]] = None,
        txbuf: int = ...,
        rxbuf: int = ...,
        timeout: int = 0,
        timeout_char: int = 0,
        invert: int = 0,
        flow: int = 0,
    ) -> None:
        """Open UART `id` at `baudrate`; `parity` is None, 0 (even) or 1 (odd); `tx`/`rx` pick pins where the port allows."""
    def init(
        self,
        baudrate: int = 9600,
        bits: int = 8,
        parity: Optional[int] = None,
        stop: int = 1,
        *,
        tx: Optional[Union[int, str, "Pin"]] = None,
        rx: Optional[Union[int, str, "Pin"]] = None,
        rts: Optional[Union[int, str, "Pin"]] = None,
        cts: Optional[Union[int, str, "Pin"]] = None,
        txbuf: int = ...,
        rxbuf: int = ...,
        timeout: int = 0,
        timeout_char: int = 0,
        invert: int = 0,
        flow: int = 0,
    ) -> None:
        """Set the port up again."""
    def deinit(self) -> None:
        """Turn the UART off."""
    def any(self) -> int:
        """How many bytes are waiting to be read (0 if none)."""
    def read(self, nbytes: int = ..., /) -> Optional[bytes]:
        """Read up to `nbytes` (all available if omitted); None on timeout with nothing read."""
    def readinto(self, buf: _WBuffer, nbytes: int = ..., /) -> Optional[int]:
        """Read into `buf`; returns the byte count, or None on timeout."""
    def readline(self) -> Optional[bytes]:
        """Read up to and including a newline; None on timeout."""
    def write(self, buf: Union[_Buffer, str], /) -> Optional[int]:
        """Send `buf`; returns the number of bytes written, or None on timeout."""
    def sendbreak(self) -> None:
        """Send a break condition (the line held low longer than a byte)."""
    def flush(self) -> None:
        """Wait until everything has been sent."""
    def txdone(self) -> bool:
        """Whether everything has been sent."""
    def irq(self, handler: Optional[Callable[["UART"], Any]] = None, trigger: int = 0, hard: bool = False) -> Any:
        """Call `handler(uart)` on the events in `trigger` (UART.IRQ_*)."""

class Timer:
    """Hardware or virtual timer calling a function once or periodically."""
    ONE_SHOT: Final[int]
    """Mode: call the callback once."""
    PERIODIC: Final[int]
    """Mode: call the callback every period."""
    def __init__(
        self,
        id: int = -1,
        /,
        *,
        mode: int = ...,
        freq: float = -1,
        period: int = -1,
        callback: Optional[Callable[["Timer"], Any]] = None,
        hard: bool = ...,
    ) -> None:
        """Timer `id` (-1 = a virtual timer where supported); starts at once when `period` or `freq` and `callback` are given."""
    def init(
        self,
        *,
        mode: int = ...,
        freq: float = -1,
        period: int = -1,
        callback: Optional[Callable[["Timer"], Any]] = None,
        hard: bool = ...,
    ) -> None:
        """Start the timer: `callback(timer)` after `period` ms (or at `freq` Hz), once or PERIODIC."""
    def deinit(self) -> None:
        """Stop the timer."""

class RTC:
    """Real-time clock: keeps the date and time (and on some ports runs through deep sleep)."""
    ALARM0: Final[int]
    """Id of the first alarm."""
    def __init__(self, id: int = 0, /, datetime: Optional[tuple[int, ...]] = None) -> None:
        """The board's RTC."""
    def init(self, datetime: tuple[int, ...], /) -> None:
        """Set the date and time: (year, month, day[, hour[, minute[, second[, microsecond[, tzinfo]]]]])."""
    @overload
    def datetime(self) -> tuple[int, int, int, int, int, int, int, int]:
        """The date and time as (year, month, day, weekday, hours, minutes, seconds, subseconds)."""
    @overload
    def datetime(self, datetimetuple: tuple[int, int, int, int, int, int, int, int], /) -> None:
        """Set the date and time; weekday (0 = Monday) is computed on most ports, subseconds are port-specific."""
    def now(self) -> tuple[int, ...]:
        """The current date and time (some ports)."""
    def deinit(self) -> None:
        """Reset the clock to its power-on time."""
    def alarm(self, id: int, time: Union[int, tuple[int, ...]], *, repeat: bool = False) -> None:
        """Set alarm `id` in `time` ms, or at a datetime tuple (port-specific)."""
    def alarm_left(self, alarm_id: int = 0) -> int:
        """Milliseconds until the alarm fires."""
    def cancel(self, alarm_id: int = 0) -> None:
        """Cancel the alarm."""
    def irq(self, *, trigger: int, handler: Optional[Callable[["RTC"], Any]] = None, wake: int = ...) -> Any:
        """Call `handler` when the alarm fires."""
    @overload
    def memory(self) -> bytes:
        """ESP32/ESP8266: the bytes kept in RTC memory across deep sleep."""
    @overload
    def memory(self, data: _Buffer, /) -> None:
        """ESP32/ESP8266: store bytes in RTC memory (survives deep sleep)."""

class WDT:
    """Watchdog timer: resets the board unless `feed()` is called in time. Cannot be stopped once started."""
    def __init__(self, id: int = 0, timeout: int = 5000) -> None:
        """Start the watchdog with a `timeout` in milliseconds."""
    def feed(self) -> None:
        """Tell the watchdog the program is still alive; call more often than the timeout."""

class SDCard:
    """SD card as a block device, to mount with `vfs.mount(vfs.VfsFat(sd), "/sd")` (ESP32, some STM32, mimxrt)."""
    def __init__(
        self,
        slot: int = 1,
        width: int = 1,
        cd: Optional[Union[int, str, "Pin"]] = None,
        wp: Optional[Union[int, str, "Pin"]] = None,
        sck: Optional[Union[int, str, "Pin"]] = None,
        miso: Optional[Union[int, str, "Pin"]] = None,
        mosi: Optional[Union[int, str, "Pin"]] = None,
        cs: Optional[Union[int, str, "Pin"]] = None,
        freq: int = 20_000_000,
    ) -> None:
        """Card in `slot` (ESP32: 0/1 SD mode, 2/3 SPI mode) with a bus `width` of 1 or 4."""
    def readblocks(self, block_num: int, buf: _WBuffer, /) -> None:
        """Block device protocol: read blocks into `buf`."""
    def writeblocks(self, block_num: int, buf: _Buffer, /) -> None:
        """Block device protocol: write blocks from `buf`."""
    def ioctl(self, op: int, arg: int, /) -> Optional[int]:
        """Block device protocol: control operations (block count, size, erase)."""

class I2S:
    """I2S audio bus: stream samples to a DAC/amplifier or from a microphone (ESP32, rp2, STM32, mimxrt)."""
    TX: Final[int]
    """Mode: transmit."""
    RX: Final[int]
    """Mode: receive."""
    MONO: Final[int]
    """Format: one channel."""
    STEREO: Final[int]
    """Format: two channels."""
    def __init__(
        self, id: int, /, *, sck: Union[int, str, "Pin"], ws: Union[int, str, "Pin"], sd: Union[int, str, "Pin"], mck: Optional[Union[int, str, "Pin"]] = None,
        mode: int, bits: int, format: int, rate: int, ibuf: int,
    ) -> None:
        """I2S bus `id` with pins, `mode` (TX/RX), sample `bits` (16/32), `format` (MONO/STEREO), `rate` in Hz and an internal buffer of `ibuf` bytes."""
    def readinto(self, buf: _WBuffer, /) -> int:
        """Read samples into `buf`; returns the byte count."""
    def write(self, buf: _Buffer, /) -> int:
        """Send the samples in `buf`; returns the byte count."""
    def irq(self, handler: Optional[Callable[["I2S"], Any]], /) -> None:
        """Call `handler` when a `readinto`/`write` completes (non-blocking mode)."""
    def deinit(self) -> None:
        """Release the bus."""

mem8: Final[_Mem]
"""Raw memory as bytes: `machine.mem8[addr]` (careful: wrong addresses crash the board)."""
mem16: Final[_Mem]
"""Raw memory as 16-bit words."""
mem32: Final[_Mem]
"""Raw memory as 32-bit words, e.g. for peripheral registers."""

IDLE: Final[int]
"""Power state: idle."""
SLEEP: Final[int]
"""Power state: light sleep."""
DEEPSLEEP: Final[int]
"""Power state: deep sleep."""
PWRON_RESET: Final[int]
"""Reset cause: power on."""
HARD_RESET: Final[int]
"""Reset cause: reset pin or hard reset."""
WDT_RESET: Final[int]
"""Reset cause: the watchdog fired."""
DEEPSLEEP_RESET: Final[int]
"""Reset cause: woke from deep sleep."""
SOFT_RESET: Final[int]
"""Reset cause: software reset."""
WLAN_WAKE: Final[int]
"""Wake reason: WLAN."""
PIN_WAKE: Final[int]
"""Wake reason: a pin."""
RTC_WAKE: Final[int]
"""Wake reason: the RTC."""

def reset() -> None:
    """Reset the board at once, like pressing its reset button."""
def soft_reset() -> None:
    """Restart the interpreter (clears Python state) without resetting the hardware."""
def reset_cause() -> int:
    """Why the board last reset: compare with machine.PWRON_RESET, HARD_RESET, WDT_RESET, DEEPSLEEP_RESET, SOFT_RESET."""
def bootloader(value: Optional[Any] = None, /) -> None:
    """Reset into the bootloader (e.g. the UF2 drive on rp2, DFU on STM32) to update firmware."""
def disable_irq() -> int:
    """Turn interrupts off; returns the previous state to give to `enable_irq`."""
def enable_irq(state: int, /) -> None:
    """Restore the interrupt state returned by `disable_irq`."""
@overload
def freq() -> int:
    """The CPU frequency in Hz."""
@overload
def freq(hz: int, /) -> None:
    """Set the CPU frequency in Hz (allowed values are port-specific, e.g. 80/160/240 MHz on ESP32)."""
def idle() -> None:
    """Pause the CPU until the next interrupt, saving power."""
def sleep() -> None:
    """Deprecated: use `lightsleep()`."""
def lightsleep(time_ms: int = ..., /) -> None:
    """Sleep with RAM and state kept, for `time_ms` ms or until woken; the program continues afterwards."""
def deepsleep(time_ms: int = ..., /) -> None:
    """Sleep with most of the chip off for `time_ms` ms or until woken; waking resets the board (main.py runs again)."""
def wake_reason() -> int:
    """What woke the board from sleep: machine.WLAN_WAKE, PIN_WAKE, RTC_WAKE (port-specific)."""
def unique_id() -> bytes:
    """An id unique to this chip (often the MAC address or flash id)."""
def time_pulse_us(pin: Pin, pulse_level: int, timeout_us: int = 1_000_000, /) -> int:
    """Length in microseconds of a pulse at `pulse_level` on `pin` (-2 if none began, -1 if it did not end, within `timeout_us`)."""
def bitstream(pin: Pin, encoding: int, timing: tuple[int, int, int, int], data: _Buffer, /) -> None:
    """Send `data` as precisely timed high/low pulses (encoding 0: the NeoPixel-style high-time code)."""
def rng() -> int:
    """A 24-bit random number from the hardware generator (some ports)."""
