"""Control of the garbage collector (heap memory)."""

from typing import Optional, overload

def enable() -> None:
    """Turn automatic garbage collection on (the default)."""
def disable() -> None:
    """Turn automatic collection off; memory can still be allocated, and `collect()` still works."""
def isenabled() -> bool:
    """Whether automatic collection is on."""
def collect() -> None:
    """Free unreachable objects now; calling it before big allocations reduces fragmentation."""
def mem_alloc() -> int:
    """Bytes of heap in use."""
def mem_free() -> int:
    """Bytes of heap free (-1 if unknown)."""
@overload
def threshold() -> int:
    """The current allocation threshold (-1 if off)."""
@overload
def threshold(amount: int, /) -> None:
    """Collect automatically after `amount` bytes have been allocated (-1 turns this off)."""
