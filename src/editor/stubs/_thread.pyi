"""Low-level threads (rp2: run a function on the second core; ESP32: FreeRTOS tasks). Experimental on most ports."""

from typing import Any, Callable, Optional, overload
from typing_extensions import Self

class LockType:
    """A lock (mutex) from `allocate_lock()`."""
    def acquire(self, waitflag: int = 1, timeout: float = -1) -> bool:
        """Take the lock, waiting for it unless `waitflag` is 0; returns whether it was taken."""
    def release(self) -> None:
        """Release the lock."""
    def locked(self) -> bool:
        """Whether the lock is held."""
    def __enter__(self) -> Self: ...
    def __exit__(self, *args: Any) -> None: ...

def start_new_thread(function: Callable[..., Any], args: tuple[Any, ...], kwargs: Optional[dict[str, Any]] = None, /) -> int:
    """Run `function(*args)` in a new thread (on rp2: on the second core, only one at a time)."""
def allocate_lock() -> LockType:
    """A new lock."""
def get_ident() -> int:
    """An id for the current thread."""
def exit() -> None:
    """End the current thread."""
@overload
def stack_size() -> int:
    """The stack size for new threads."""
@overload
def stack_size(size: int, /) -> int:
    """Set the stack size for new threads; returns the old one."""
