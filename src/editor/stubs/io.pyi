"""Streams: in-memory text and byte buffers, and the file objects `open()` returns."""

from typing import Any, AnyStr, Generic, IO, Iterator, Optional, TypeVar, Union
from typing_extensions import Self
from types import TracebackType
from _mpy_types import FileBase as _FileBase

class IOBase:
    """Base of MicroPython's stream objects."""
    def close(self) -> None:
        """Close the stream; further reads or writes fail."""
    def flush(self) -> None:
        """Push any buffered output to the underlying device."""
    def __enter__(self) -> Self: ...
    def __exit__(
        self, exc_type: Optional[type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None: ...

class FileIO(_FileBase[bytes]):
    """A file opened in binary mode (`open(path, "rb")`)."""
    def readinto(self, buf: Union[bytearray, memoryview], nbytes: int = ..., /) -> Optional[int]:
        """Read into the existing buffer `buf`; returns the number of bytes read."""

class TextIOWrapper(_FileBase[str]):
    """A file opened in text mode (`open(path)` or `open(path, "w")`)."""

class BufferedReader(FileIO):
    """Binary file opened for reading (typing alias of FileIO on MicroPython)."""

class BufferedWriter(FileIO):
    """Binary file opened for writing (typing alias of FileIO on MicroPython)."""

class BufferedRandom(FileIO):
    """Binary file opened for reading and writing (typing alias of FileIO on MicroPython)."""

class StringIO(_FileBase[str]):
    """A text stream kept in RAM."""
    def __init__(self, initial: str = "", /) -> None:
        """Create the stream, optionally filled with `initial`."""
    def getvalue(self) -> str:
        """The whole content of the buffer."""

class BytesIO(_FileBase[bytes]):
    """A binary stream kept in RAM."""
    def __init__(self, initial: Union[bytes, bytearray, int] = b"", /) -> None:
        """Create the stream, optionally filled with `initial` (an int preallocates that many bytes)."""
    def getvalue(self) -> bytes:
        """The whole content of the buffer."""
    def readinto(self, buf: Union[bytearray, memoryview], nbytes: int = ..., /) -> Optional[int]:
        """Read into the existing buffer `buf`; returns the number of bytes read."""

def open(name: Union[str, int], mode: str = "r", **kwargs: Any) -> IO[Any]:
    """Open a file; same as the builtin `open`."""
