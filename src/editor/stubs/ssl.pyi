"""TLS/SSL: encrypt a socket (HTTPS, MQTTS)."""

from typing import Any, Final, Optional

PROTOCOL_TLS_CLIENT: Final[int]
"""Context for a client connection."""
PROTOCOL_TLS_SERVER: Final[int]
"""Context for a server socket."""
CERT_NONE: Final[int]
"""Do not check the peer's certificate."""
CERT_OPTIONAL: Final[int]
"""Check the peer's certificate if it sends one."""
CERT_REQUIRED: Final[int]
"""Require and check the peer's certificate."""

class SSLSocket:
    """A socket wrapped in TLS: read/write/recv/send as a plain socket."""
    def read(self, size: int = ..., /) -> bytes:
        """Read decrypted bytes."""
    def readinto(self, buf: Any, nbytes: int = ..., /) -> Optional[int]:
        """Read decrypted bytes into `buf`."""
    def readline(self) -> bytes:
        """Read one line."""
    def write(self, buf: Any, /) -> int:
        """Encrypt and send `buf`."""
    def recv(self, bufsize: int, /) -> bytes:
        """Receive up to `bufsize` decrypted bytes."""
    def send(self, buf: Any, /) -> int:
        """Encrypt and send `buf`."""
    def setblocking(self, flag: bool, /) -> None:
        """Blocking or non-blocking mode."""
    def close(self) -> None:
        """Close the TLS session and the socket."""

class SSLContext:
    """TLS settings shared by several connections: certificates, verification mode."""
    verify_mode: int
    """One of ssl.CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED."""
    def __init__(self, protocol: int, /) -> None:
        """A context for `protocol` (ssl.PROTOCOL_TLS_CLIENT or PROTOCOL_TLS_SERVER)."""
    def load_cert_chain(self, certfile: Any, keyfile: Any, /) -> None:
        """Load this side's certificate and private key (DER bytes or file paths)."""
    def load_verify_locations(self, cafile: Optional[str] = None, cadata: Optional[bytes] = None) -> None:
        """Load CA certificates used to check the peer."""
    def get_ciphers(self) -> list[str]:
        """Names of the ciphers on offer."""
    def set_ciphers(self, ciphers: list[str], /) -> None:
        """Choose which ciphers to offer."""
    def wrap_socket(self, sock: Any, *, server_side: bool = False, do_handshake_on_connect: bool = True, server_hostname: Optional[str] = None) -> SSLSocket:
        """Wrap a connected socket in TLS; give `server_hostname` for SNI and hostname checks."""

def wrap_socket(
    sock: Any, server_side: bool = False, key: Optional[bytes] = None, cert: Optional[bytes] = None,
    cert_reqs: int = ..., cadata: Optional[bytes] = None, server_hostname: Optional[str] = None, do_handshake: bool = True,
) -> SSLSocket:
    """Wrap a connected socket in TLS with default settings (older API; prefer SSLContext)."""

class SSLError(OSError):
    """A TLS failure (handshake, certificate)."""
