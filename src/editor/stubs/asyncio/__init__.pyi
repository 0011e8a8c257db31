"""Cooperative multitasking with `async`/`await` (MicroPython's asyncio, formerly uasyncio): a subset of CPython's."""

from typing import Any, Awaitable, Callable, Coroutine, Generic, Iterable, Optional, TypeVar, Union, overload
from typing_extensions import Self
from _mpy_types import T as _T


class CancelledError(BaseException):
    """Raised inside a task when it is cancelled."""

class TimeoutError(Exception):
    """Raised by `wait_for` when the time runs out."""

class Task(Awaitable[_T], Generic[_T]):
    """A coroutine scheduled to run concurrently; await it for its result."""
    def cancel(self) -> bool:
        """Ask the task to stop: CancelledError is raised inside it at its next await."""
    def done(self) -> bool:
        """Whether the task has finished."""
    def __await__(self) -> Any: ...

def create_task(coro: Coroutine[Any, Any, _T], /) -> Task[_T]:
    """Schedule `coro` to run alongside the current task; keep the Task to await or cancel it."""
def current_task() -> Task[Any]:
    """The task that is running now."""
def run(coro: Coroutine[Any, Any, _T], /) -> _T:
    """Run `coro` as the main task until it finishes and return its result; the usual entry point."""
async def sleep(t: float, /) -> None:
    """Yield to other tasks for `t` seconds."""
async def sleep_ms(t: int, /) -> None:
    """Yield to other tasks for `t` milliseconds (MicroPython only)."""
async def wait_for(awaitable: Awaitable[_T], timeout: Optional[float], /) -> _T:
    """Await with a time limit in seconds: cancels it and raises TimeoutError when exceeded."""
async def wait_for_ms(awaitable: Awaitable[_T], timeout: int, /) -> _T:
    """`wait_for` with the limit in milliseconds (MicroPython only)."""
async def gather(*awaitables: Awaitable[Any], return_exceptions: bool = False) -> list[Any]:
    """Run several awaitables concurrently and return their results in order."""

class Event:
    """A flag tasks can wait on until another task sets it."""
    def __init__(self) -> None: ...
    def is_set(self) -> bool:
        """Whether the event is set."""
    def set(self) -> None:
        """Set the event, waking every task waiting on it (not safe from an interrupt: use ThreadSafeFlag)."""
    def clear(self) -> None:
        """Clear the event."""
    async def wait(self) -> None:
        """Wait until the event is set."""

class ThreadSafeFlag:
    """A flag that interrupt handlers and other threads may set; one task waits on it (MicroPython only)."""
    def __init__(self) -> None: ...
    def set(self) -> None:
        """Set the flag (safe from an IRQ)."""
    def clear(self) -> None:
        """Clear the flag."""
    async def wait(self) -> None:
        """Wait for the flag and clear it."""

class Lock:
    """A mutual-exclusion lock for tasks: `async with lock:`."""
    def __init__(self) -> None: ...
    def locked(self) -> bool:
        """Whether the lock is held."""
    async def acquire(self) -> bool:
        """Wait for the lock and take it."""
    def release(self) -> None:
        """Release the lock."""
    async def __aenter__(self) -> None: ...
    async def __aexit__(self, *args: Any) -> None: ...

class Stream:
    """A stream for reading and writing bytes asynchronously (UART, socket, ...)."""
    def __init__(self, s: Any, e: dict[str, Any] = ...) -> None:
        """Wrap a stream-like object `s` (MicroPython lets you wrap e.g. a UART directly)."""
    def get_extra_info(self, v: str, /) -> Any:
        """Extra information, e.g. "peername"."""
    def close(self) -> None:
        """Close the stream."""
    async def wait_closed(self) -> None:
        """Wait until the stream has closed."""
    async def read(self, n: int = -1, /) -> bytes:
        """Read up to `n` bytes (until EOF when -1)."""
    async def readinto(self, buf: Union[bytearray, memoryview], /) -> int:
        """Read into `buf`; returns the byte count."""
    async def readexactly(self, n: int, /) -> bytes:
        """Read exactly `n` bytes (EOFError if the stream ends first)."""
    async def readline(self) -> bytes:
        """Read one line."""
    def write(self, buf: Union[bytes, bytearray, memoryview, str], /) -> None:
        """Queue `buf` to be sent; call `drain()` to send it."""
    async def drain(self) -> None:
        """Send everything queued by `write`."""
    async def __aenter__(self) -> Self: ...
    async def __aexit__(self, *args: Any) -> None: ...

StreamReader = Stream
"""Reading end of a connection (the same Stream class on MicroPython)."""
StreamWriter = Stream
"""Writing end of a connection (the same Stream class on MicroPython)."""

class Server:
    """A listening TCP server from `start_server`."""
    def close(self) -> None:
        """Stop accepting connections."""
    async def wait_closed(self) -> None:
        """Wait until the server has closed."""
    async def __aenter__(self) -> Self: ...
    async def __aexit__(self, *args: Any) -> None: ...

async def open_connection(host: str, port: int, ssl: Any = None) -> tuple[Stream, Stream]:
    """Connect by TCP; returns (reader, writer)."""
async def start_server(
    callback: Callable[[Stream, Stream], Awaitable[Any]], host: str, port: int, backlog: int = 5, ssl: Any = None
) -> Server:
    """Listen on `host`:`port`; each connection runs `callback(reader, writer)` as a new task."""

class Loop:
    """The event loop (there is only one)."""
    def create_task(self, coro: Coroutine[Any, Any, _T], /) -> Task[_T]:
        """Schedule `coro`."""
    def run_forever(self) -> None:
        """Run until `stop()` is called."""
    def run_until_complete(self, awaitable: Awaitable[_T], /) -> _T:
        """Run until `awaitable` finishes and return its result."""
    def stop(self) -> None:
        """Stop the loop."""
    def close(self) -> None:
        """Close the loop."""
    def set_exception_handler(self, handler: Optional[Callable[["Loop", dict[str, Any]], Any]], /) -> None:
        """Called with (loop, context) when a task raises an exception nobody retrieves."""
    def get_exception_handler(self) -> Optional[Callable[["Loop", dict[str, Any]], Any]]:
        """The current exception handler."""
    def default_exception_handler(self, context: dict[str, Any], /) -> None:
        """The built-in exception handler."""
    def call_exception_handler(self, context: dict[str, Any], /) -> None:
        """Call the current exception handler."""

def get_event_loop() -> Loop:
    """The event loop."""
def new_event_loop() -> Loop:
    """Reset the event loop and return it (clears all tasks)."""
