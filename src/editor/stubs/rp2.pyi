"""RP2040/RP2350 (Raspberry Pi Pico) specific features: PIO state machines, DMA, flash, the BOOTSEL button."""

from typing import Any, Callable, Final, Optional, Union, overload

class PIOASMError(Exception):
    """A mistake in a PIO program."""

class PIO:
    """One of the PIO blocks (0, 1, and 2 on RP2350), each with four state machines."""
    IN_LOW: Final[int]
    """Pin direction/level for `*_init`: input, low."""
    IN_HIGH: Final[int]
    """Pin direction/level for `*_init`: input, high."""
    OUT_LOW: Final[int]
    """Pin direction/level for `*_init`: output, low."""
    OUT_HIGH: Final[int]
    """Pin direction/level for `*_init`: output, high."""
    SHIFT_LEFT: Final[int]
    """Shift direction: toward the MSB."""
    SHIFT_RIGHT: Final[int]
    """Shift direction: toward the LSB."""
    JOIN_NONE: Final[int]
    """FIFO: separate 4-word TX and RX."""
    JOIN_TX: Final[int]
    """FIFO: 8-word TX only."""
    JOIN_RX: Final[int]
    """FIFO: 8-word RX only."""
    IRQ_SM0: Final[int]
    """IRQ flag of state machine 0."""
    IRQ_SM1: Final[int]
    """IRQ flag of state machine 1."""
    IRQ_SM2: Final[int]
    """IRQ flag of state machine 2."""
    IRQ_SM3: Final[int]
    """IRQ flag of state machine 3."""
    def __init__(self, id: int, /) -> None:
        """PIO block `id`."""
    def add_program(self, program: Any, /) -> None:
        """Load a program (from @rp2.asm_pio) into this block's instruction memory."""
    def remove_program(self, program: Any = None, /) -> None:
        """Free a program's instruction memory (all when omitted)."""
    def state_machine(self, id: int, program: Any = None, *args: Any, **kwargs: Any) -> "StateMachine":
        """State machine `id` (0..3) of this block, optionally set up like `StateMachine.init`."""
    def irq(self, handler: Optional[Callable[["PIO"], Any]] = None, trigger: int = ..., hard: bool = False) -> Any:
        """Call `handler` when a program raises an IRQ flag."""

class StateMachine:
    """A PIO state machine running a program from @rp2.asm_pio. Numbered 0..7 (0..11 on RP2350) across the PIO blocks."""
    def __init__(
        self,
        id: int,
        program: Any = None,
        freq: int = -1,
        *,
        in_base: Any = None,
        out_base: Any = None,
        set_base: Any = None,
        jmp_pin: Any = None,
        sideset_base: Any = None,
        in_shiftdir: Optional[int] = None,
        out_shiftdir: Optional[int] = None,
        push_thresh: Optional[int] = None,
        pull_thresh: Optional[int] = None,
    ) -> None:
        """State machine `id` running `program` at `freq` Hz; the *_base arguments map program pins to machine.Pin."""
    def init(
        self,
        program: Any,
        freq: int = -1,
        *,
        in_base: Any = None,
        out_base: Any = None,
        set_base: Any = None,
        jmp_pin: Any = None,
        sideset_base: Any = None,
        in_shiftdir: Optional[int] = None,
        out_shiftdir: Optional[int] = None,
        push_thresh: Optional[int] = None,
        pull_thresh: Optional[int] = None,
    ) -> None:
        """Load `program` and configure the state machine."""
    @overload
    def active(self) -> bool:
        """Whether the state machine runs."""
    @overload
    def active(self, value: Union[bool, int], /) -> None:
        """Start or stop the state machine."""
    def restart(self) -> None:
        """Reset the internal state and restart from the program's start."""
    def exec(self, instr: Union[int, str], /) -> None:
        """Run one instruction now, e.g. `sm.exec("set(pins, 1)")`."""
    def get(self, buf: Optional[Union[bytearray, memoryview]] = None, shift: int = 0, /) -> int:
        """Take a word from the RX FIFO (waiting if empty), shifted right by `shift`."""
    def put(self, value: Any, shift: int = 0, /) -> None:
        """Push a word (or each word of a buffer) into the TX FIFO, shifted left by `shift`; waits if full."""
    def rx_fifo(self) -> int:
        """Words waiting in the RX FIFO."""
    def tx_fifo(self) -> int:
        """Words waiting in the TX FIFO."""
    def irq(self, handler: Optional[Callable[["StateMachine"], Any]] = None, trigger: int = 0, hard: bool = False) -> Any:
        """Call `handler` when this state machine's program raises its IRQ."""

class PIOASMEmit:
    """The PIO assembler. Inside a function decorated with @rp2.asm_pio these methods are available as plain
    names (`set(pins, 1) [31]`, `jmp(x_dec, "loop")`, `nop().side(1)`); registers and conditions such as pins, x, y,
    osr, isr, null, x_dec, not_x, block are names there too."""
    def wrap_target(self) -> None:
        """Mark where execution resumes after `wrap()`."""
    def wrap(self) -> None:
        """Mark the end of the loop: jump back to `wrap_target()` at no cost."""
    def label(self, label: str, /) -> None:
        """Define a jump target."""
    def word(self, instr: int, label: Optional[str] = None, /) -> "PIOASMEmit":
        """Insert a raw 16-bit instruction."""
    def nop(self) -> "PIOASMEmit":
        """Do nothing (useful with `.side()` and a delay)."""
    def jmp(self, cond: Any, label: Any = None, /) -> "PIOASMEmit":
        """Jump to `label`, optionally only when `cond` holds (not_x, x_dec, not_y, y_dec, x_not_y, pin, not_osre)."""
    def wait(self, polarity: int, src: Any, index: int, /) -> "PIOASMEmit":
        """Stall until a gpio, pin or irq reaches `polarity`."""
    def in_(self, src: Any, bit_count: int, /) -> "PIOASMEmit":
        """Shift `bit_count` bits from `src` into the ISR."""
    def out(self, dest: Any, bit_count: int, /) -> "PIOASMEmit":
        """Shift `bit_count` bits out of the OSR to `dest`."""
    def push(self, value: Any = 0, value2: Any = 0, /) -> "PIOASMEmit":
        """Push the ISR into the RX FIFO (modifiers: iffull, block, noblock)."""
    def pull(self, value: Any = 0, value2: Any = 0, /) -> "PIOASMEmit":
        """Load the OSR from the TX FIFO (modifiers: ifempty, block, noblock)."""
    def mov(self, dest: Any, src: Any, /) -> "PIOASMEmit":
        """Copy `src` to `dest` (wrap src in invert() or reverse() to transform it)."""
    def irq(self, mod: Any, index: Any = None, /) -> "PIOASMEmit":
        """Set or clear an IRQ flag (`block`, `clear`, `rel` modifiers)."""
    def set(self, dest: Any, data: int, /) -> "PIOASMEmit":
        """Write the immediate `data` (0..31) to pins, pindirs, x or y."""
    def side(self, value: int, /) -> "PIOASMEmit":
        """Drive side-set pins with `value` alongside this instruction."""
    def delay(self, delay: int, /) -> "PIOASMEmit":
        """Wait `delay` extra cycles after this instruction (same as `[delay]`)."""
    def __getitem__(self, delay: int, /) -> "PIOASMEmit":
        """`instr [n]`: wait `n` extra cycles after this instruction."""

def asm_pio(
    *,
    out_init: Any = None,
    set_init: Any = None,
    sideset_init: Any = None,
    side_pindir: bool = False,
    in_shiftdir: int = ...,
    out_shiftdir: int = ...,
    autopush: bool = False,
    autopull: bool = False,
    push_thresh: int = 32,
    pull_thresh: int = 32,
    fifo_join: int = ...,
) -> Callable[[Callable[..., Any]], Any]:
    """Decorator: assemble the function body as a PIO program. `*_init` give initial pin states (rp2.PIO.OUT_LOW, ...)."""
def asm_pio_encode(instr: str, sideset_count: int, sideset_opt: bool = False) -> int:
    """Assemble one instruction to its 16-bit code, for `StateMachine.exec`."""
def bootsel_button() -> int:
    """1 while the BOOTSEL button is pressed, else 0 (it briefly disturbs flash access)."""
def country(code: str = ..., /) -> Optional[str]:
    """Pico W: the Wi-Fi country code."""

class Flash:
    """The built-in flash as a block device, for mounting a filesystem."""
    def __init__(self) -> None: ...
    def readblocks(self, block_num: int, buf: bytearray, offset: int = ..., /) -> None:
        """Read blocks into `buf`."""
    def writeblocks(self, block_num: int, buf: bytes, offset: int = ..., /) -> None:
        """Write blocks."""
    def ioctl(self, cmd: int, arg: int, /) -> Optional[int]:
        """Block device control."""

class DMA:
    """A DMA channel: copy memory or feed peripherals without the CPU."""
    def __init__(self) -> None:
        """Claim a free DMA channel."""
    def config(self, read: Any = None, write: Any = None, count: int = ..., ctrl: Optional[int] = None, trigger: bool = False) -> None:
        """Set source, destination, transfer count and control word."""
    def active(self, value: Optional[bool] = None, /) -> bool:
        """Start/stop, or read whether the channel runs."""
    def pack_ctrl(self, default: Optional[int] = None, **kwargs: Any) -> int:
        """Build a control word from named fields (size, inc_read, inc_write, treq_sel, ...)."""
    def unpack_ctrl(self, value: int, /) -> dict[str, Any]:
        """Split a control word into its named fields."""
    def irq(self, handler: Optional[Callable[["DMA"], Any]] = None, hard: bool = False) -> Any:
        """Call `handler` when the transfer completes."""
    def close(self) -> None:
        """Release the channel."""
