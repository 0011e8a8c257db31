"""Typing helpers shared by Mote's MicroPython stubs (not a MicroPython module). The stubs import these under
private aliases, so they never appear in a module's completions."""

from io import IOBase
from typing import Any, AnyStr, Callable, Generic, Iterator, SupportsComplex, SupportsFloat, TypeVar, Union
from typing_extensions import TypeAlias

T = TypeVar("T")
KT = TypeVar("KT")
VT = TypeVar("VT")
F = TypeVar("F", bound=Callable[..., Any])
IntOrFloat = TypeVar("IntOrFloat", int, float)
AnyStrCo = TypeVar("AnyStrCo", str, bytes, covariant=True)
P = TypeVar("P")

Buffer: TypeAlias = Union[bytes, bytearray, memoryview]
"""Anything that can be read as bytes."""
WBuffer: TypeAlias = Union[bytearray, memoryview]
"""A buffer that can be written into."""
BytesLike: TypeAlias = Union[bytes, bytearray, str]
"""Bytes, or text that is sent as UTF-8."""
StrOrBytes: TypeAlias = Union[bytes, str]
"""Text or bytes."""
FloatLike: TypeAlias = Union[SupportsFloat, int]
"""A real number."""
ComplexLike: TypeAlias = Union[SupportsFloat, SupportsComplex, complex, float, int]
"""A real or complex number."""
SockAddress: TypeAlias = Union[tuple[str, int], tuple[str, int, int, int], bytes]
"""A socket address: (host, port), an IPv6 4-tuple, or a raw address."""

class PinNames(Generic[P]):
    """Pins by name, as attributes."""
    def __getattr__(self, name: str) -> P: ...

class HashBase:
    """What every hashlib hasher offers."""
    def update(self, data: Buffer, /) -> None:
        """Feed more data into the hash."""
    def digest(self) -> bytes:
        """The hash of everything fed so far; the object cannot be updated afterwards."""
    def hexdigest(self) -> str:
        """Not in MicroPython: use `binascii.hexlify(h.digest())`."""

class Implementation:
    """The type of `sys.implementation`."""
    name: str
    """Always "micropython" here."""
    version: tuple[int, int, int, str]
    """Version of MicroPython itself: (major, minor, micro, releaselevel)."""
    _machine: str
    """Board and MCU description, as in the REPL banner."""
    _mpy: int
    """The .mpy file version and features this build can import."""

class VersionInfo(tuple[int, int, int]):
    """The type of `sys.version_info`."""
    major: int
    """Major version."""
    minor: int
    """Minor version."""
    micro: int
    """Micro version."""

class UnameResult(tuple[str, str, str, str, str]):
    """The type of `os.uname()`."""
    sysname: str
    """Name of the underlying system (the port)."""
    nodename: str
    """Network name (often the same as sysname)."""
    release: str
    """Version of the underlying system."""
    version: str
    """MicroPython version and build date."""
    machine: str
    """Board and MCU."""

class Mem:
    """Raw memory by address (`machine.mem8`, `mem16`, `mem32`)."""
    def __getitem__(self, addr: int, /) -> int: ...
    def __setitem__(self, addr: int, value: int, /) -> None: ...

class FileBase(IOBase, Generic[AnyStr]):
    """Reading, writing and seeking, shared by files and in-memory streams."""
    def read(self, size: int = -1, /) -> AnyStr:
        """Read up to `size` characters/bytes, or everything left when `size` is omitted."""
    def readline(self, size: int = -1, /) -> AnyStr:
        """Read one line, including its trailing newline."""
    def readlines(self, hint: int = -1, /) -> list[AnyStr]:
        """Read all remaining lines into a list."""
    def write(self, data: AnyStr, /) -> int:
        """Write `data`; returns how many characters/bytes were written."""
    def seek(self, offset: int, whence: int = 0, /) -> int:
        """Move the stream position (whence 0 = from start, 1 = from current, 2 = from end)."""
    def tell(self) -> int:
        """Current stream position."""
    def __iter__(self) -> Iterator[AnyStr]: ...
    def __next__(self) -> AnyStr: ...
