"""Pack and unpack binary data (sensor registers, file headers, network protocols).

Format: an optional byte order (`<` little, `>` big, `!` network, `@` native) then codes such as
b/B (8-bit), h/H (16-bit), i/I, l/L (32-bit), q/Q (64-bit), f, d, s (bytes), x (pad byte)."""

from typing import Any, Union
from _mpy_types import Buffer as _Buffer


def calcsize(fmt: Union[str, bytes], /) -> int:
    """Bytes needed to hold `fmt`."""
def pack(fmt: Union[str, bytes], *values: Any) -> bytes:
    """Pack `values` according to `fmt`."""
def pack_into(fmt: Union[str, bytes], buffer: Union[bytearray, memoryview], offset: int, /, *values: Any) -> None:
    """Pack `values` into `buffer` starting at `offset`."""
def unpack(fmt: Union[str, bytes], data: _Buffer, /) -> tuple[Any, ...]:
    """Unpack `data` according to `fmt`; always returns a tuple."""
def unpack_from(fmt: Union[str, bytes], data: _Buffer, offset: int = 0, /) -> tuple[Any, ...]:
    """Unpack from `data` starting at `offset`."""
