"""BSD sockets: TCP and UDP over the board's network interface."""

from typing import Any, Final, Optional, Union
from typing_extensions import Self
from _mpy_types import SockAddress as _Address

AF_INET: Final[int]
"""Address family: IPv4."""
AF_INET6: Final[int]
"""Address family: IPv6."""
SOCK_STREAM: Final[int]
"""Socket type: TCP stream."""
SOCK_DGRAM: Final[int]
"""Socket type: UDP datagrams."""
SOCK_RAW: Final[int]
"""Socket type: raw."""
IPPROTO_TCP: Final[int]
"""Protocol: TCP."""
IPPROTO_UDP: Final[int]
"""Protocol: UDP."""
IPPROTO_IP: Final[int]
"""Protocol level: IP (for setsockopt)."""
SOL_SOCKET: Final[int]
"""Option level: the socket itself (for setsockopt)."""
SO_REUSEADDR: Final[int]
"""Option: let a server rebind its port at once after restarting."""
SO_BROADCAST: Final[int]
"""Option: allow sending UDP broadcasts."""
IP_ADD_MEMBERSHIP: Final[int]
"""Option: join a multicast group."""


class socket:
    """A network endpoint. `socket.getaddrinfo` turns a host name into an address to `connect` to."""
    def __init__(self, af: int = ..., type: int = ..., proto: int = ..., /) -> None:
        """A new socket: IPv4 TCP by default."""
    def close(self) -> None:
        """Close the socket and free its resources."""
    def bind(self, address: _Address, /) -> None:
        """Bind to a local address, e.g. ("0.0.0.0", 80)."""
    def listen(self, backlog: int = ..., /) -> None:
        """Accept incoming connections (servers), queueing up to `backlog`."""
    def accept(self) -> tuple["socket", Any]:
        """Wait for a connection; returns (new socket, peer address)."""
    def connect(self, address: _Address, /) -> None:
        """Connect to a remote address, e.g. from `getaddrinfo(host, port)[0][-1]`."""
    def send(self, bytes: Union[bytes, bytearray, memoryview], /) -> int:
        """Send data; returns how many bytes went (may be fewer than given)."""
    def sendall(self, bytes: Union[bytes, bytearray, memoryview], /) -> None:
        """Send all the data, looping as needed."""
    def recv(self, bufsize: int, /) -> bytes:
        """Receive up to `bufsize` bytes; b"" means the peer closed."""
    def recvfrom(self, bufsize: int, /) -> tuple[bytes, Any]:
        """UDP: receive a datagram and the sender's address."""
    def sendto(self, bytes: Union[bytes, bytearray, memoryview], address: _Address, /) -> int:
        """UDP: send a datagram to `address`."""
    def setsockopt(self, level: int, optname: int, value: Union[int, bytes], /) -> None:
        """Set a socket option, e.g. `setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)`."""
    def settimeout(self, value: Optional[float], /) -> None:
        """Timeout in seconds for blocking calls (None blocks forever, 0 is non-blocking)."""
    def setblocking(self, flag: bool, /) -> None:
        """Blocking (True) or non-blocking (False) mode."""
    def makefile(self, mode: str = "rb", buffering: int = 0, /) -> "socket":
        """A file-like view of the socket (on MicroPython, the socket itself)."""
    def read(self, size: int = ..., /) -> bytes:
        """Read up to `size` bytes (until closed if omitted)."""
    def readinto(self, buf: Union[bytearray, memoryview], nbytes: int = ..., /) -> Optional[int]:
        """Read into `buf`; returns the byte count."""
    def readline(self) -> bytes:
        """Read one line ending in a newline."""
    def write(self, buf: Union[bytes, bytearray, memoryview, str], /) -> Optional[int]:
        """Write `buf`; returns the byte count."""
    def fileno(self) -> int:
        """The underlying file descriptor (unix port)."""
    def __enter__(self) -> Self: ...
    def __exit__(self, *args: Any) -> None: ...

def getaddrinfo(host: str, port: int, af: int = 0, type: int = 0, proto: int = 0, flags: int = 0, /) -> list[tuple[int, int, int, str, Any]]:
    """Look up `host`: a list of (family, type, proto, canonname, sockaddr); pass `[0][-1]` to `connect`."""
def inet_ntop(af: int, bin_addr: bytes, /) -> str:
    """Binary address to text, e.g. b"\\x7f\\0\\0\\1" -> "127.0.0.1"."""
def inet_pton(af: int, txt_addr: str, /) -> bytes:
    """Text address to binary."""

class error(OSError):
    """Old name for OSError, kept for compatibility."""
