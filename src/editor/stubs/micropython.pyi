"""MicroPython internals: constants, code emitters, memory and interrupt helpers."""

from typing import Any, Callable, Optional, TypeVar, overload
from _mpy_types import T as _T, F as _F


def const(expr: _T, /) -> _T:
    """Declare a constant the compiler can inline: `X = const(10)`. A name starting with `_` also takes no RAM."""
def native(func: _F, /) -> _F:
    """Decorator: compile the function to machine code (faster, larger)."""
def viper(func: _F, /) -> _F:
    """Decorator: compile to machine code with typed integer/pointer variables (fastest, restricted Python)."""
def asm_thumb(func: _F, /) -> _F:
    """Decorator: the function body is ARM Thumb assembler (ARM ports)."""
def asm_xtensa(func: _F, /) -> _F:
    """Decorator: the function body is Xtensa assembler (ESP8266/ESP32)."""
def asm_rv32(func: _F, /) -> _F:
    """Decorator: the function body is RISC-V assembler (RV32 ports)."""
@overload
def opt_level() -> int:
    """The compiler's optimisation level."""
@overload
def opt_level(level: int, /) -> None:
    """Set the optimisation level for code compiled from now on (higher drops asserts and line numbers)."""
def alloc_emergency_exception_buf(size: int, /) -> None:
    """Reserve RAM so exceptions raised in interrupt handlers can still be reported (100 bytes is typical)."""
def mem_info(verbose: Any = ..., /) -> None:
    """Print memory use: stack and heap; with an argument, also a map of the heap."""
def qstr_info(verbose: Any = ..., /) -> None:
    """Print how many interned strings exist and the RAM they use."""
def stack_use() -> int:
    """Bytes of stack in use now."""
def heap_lock() -> int:
    """Forbid heap allocation (MemoryError if attempted); nests, returns the lock depth."""
def heap_unlock() -> int:
    """Undo one `heap_lock`; returns the remaining depth."""
def heap_locked() -> int:
    """Current lock depth (0 if unlocked)."""
def kbd_intr(chr: int, /) -> None:
    """The character that raises KeyboardInterrupt (3 = Ctrl-C; -1 turns it off, e.g. to read binary stdin)."""
def schedule(func: Callable[[Any], Any], arg: Any, /) -> None:
    """Run `func(arg)` soon, outside interrupt context: the way a hard interrupt handler hands off work that allocates."""
class RingIO:
    """A fixed-size byte ring buffer stream."""
    def __init__(self, size: Any, /) -> None: ...
    def any(self) -> int:
        """Bytes available to read."""
    def read(self, nbytes: int = ..., /) -> bytes:
        """Read up to `nbytes`."""
    def readline(self, nbytes: int = ..., /) -> bytes:
        """Read one line."""
    def readinto(self, buf: Any, nbytes: int = ..., /) -> int:
        """Read into `buf`."""
    def write(self, buf: Any, /) -> int:
        """Write `buf`; returns how many bytes fit."""
    def close(self) -> None:
        """No-op for compatibility."""
