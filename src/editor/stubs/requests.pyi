"""HTTP client (micropython-lib `requests`; install with `mip.install("requests")` where not built in)."""

from typing import Any, Optional, Union

class Response:
    """The reply to a request. Read `text`, `content` or `json()` once, then `close()`."""
    status_code: int
    """HTTP status, e.g. 200."""
    reason: bytes
    """Status text, e.g. b"OK"."""
    headers: dict[str, str]
    """Response headers."""
    encoding: str
    """Text encoding used by `text`."""
    raw: Any
    """The underlying socket stream."""
    @property
    def content(self) -> bytes:
        """The body as bytes (read on first access)."""
    @property
    def text(self) -> str:
        """The body decoded as text."""
    def json(self) -> Any:
        """The body parsed as JSON."""
    def close(self) -> None:
        """Close the connection; do it after each response, boards have few sockets."""

def request(
    method: str,
    url: str,
    data: Optional[Union[str, bytes]] = None,
    json: Any = None,
    headers: Optional[dict[str, str]] = None,
    stream: Any = None,
    auth: Optional[tuple[str, str]] = None,
    timeout: Optional[float] = None,
    parse_headers: bool = True,
) -> Response:
    """Send an HTTP request with any method."""
def get(url: str, **kw: Any) -> Response:
    """HTTP GET."""
def head(url: str, **kw: Any) -> Response:
    """HTTP HEAD."""
def post(url: str, **kw: Any) -> Response:
    """HTTP POST; pass `data=` or `json=`."""
def put(url: str, **kw: Any) -> Response:
    """HTTP PUT."""
def patch(url: str, **kw: Any) -> Response:
    """HTTP PATCH."""
def delete(url: str, **kw: Any) -> Response:
    """HTTP DELETE."""
