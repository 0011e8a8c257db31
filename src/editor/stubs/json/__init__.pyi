"""JSON: convert between Python objects and JSON text."""

from typing import Any, Optional

def dumps(obj: Any, separators: Optional[tuple[str, str]] = None) -> str:
    """`obj` as a JSON string; `separators=(",", ":")` gives the most compact output."""
def dump(obj: Any, stream: Any, separators: Optional[tuple[str, str]] = None) -> None:
    """Write `obj` as JSON to `stream` (a file or socket)."""
def loads(str: Any, /) -> Any:
    """Parse a JSON string (or bytes) into Python objects; ValueError if malformed."""
def load(stream: Any, /) -> Any:
    """Parse JSON read from `stream` until its end."""
