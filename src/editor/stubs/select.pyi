"""Wait for several streams (sockets, UART, stdin) to become ready."""

from typing import Any, Final, Iterable, Iterator, Optional

POLLIN: Final[int]
"""Event: data can be read."""
POLLOUT: Final[int]
"""Event: data can be written."""
POLLERR: Final[int]
"""Event: an error (always reported)."""
POLLHUP: Final[int]
"""Event: the peer hung up (always reported)."""

class poll:
    """A set of streams to wait on together."""
    def register(self, obj: Any, eventmask: int = ..., /) -> None:
        """Watch `obj` for the events in `eventmask` (POLLIN | POLLOUT by default)."""
    def unregister(self, obj: Any, /) -> None:
        """Stop watching `obj`."""
    def modify(self, obj: Any, eventmask: int, /) -> None:
        """Change the events watched for `obj`."""
    def poll(self, timeout: int = -1, /) -> list[tuple[Any, int]]:
        """Wait up to `timeout` ms (-1: forever) and return the ready (obj, events) pairs."""
    def ipoll(self, timeout: int = -1, flags: int = 0, /) -> Iterator[tuple[Any, int]]:
        """Like `poll` but yields the pairs without allocating a list; flag 1 makes events one-shot."""

def select(rlist: Iterable[Any], wlist: Iterable[Any], xlist: Iterable[Any], timeout: Optional[float] = None, /) -> tuple[list[Any], list[Any], list[Any]]:
    """Wait until some streams are readable/writable (older API; `poll` is more efficient)."""
