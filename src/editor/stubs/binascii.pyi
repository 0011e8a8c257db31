"""Conversions between binary data and ASCII encodings (hex, base64) and CRC-32."""

from typing import Union
from _mpy_types import Buffer as _Data


def hexlify(data: _Data, sep: Union[str, bytes] = ..., /) -> bytes:
    """`data` as hex digits, e.g. b"\\x01\\xab" -> b"01ab"; `sep` goes between bytes."""
def unhexlify(data: Union[str, _Data], /) -> bytes:
    """Hex digits back to bytes."""
def a2b_base64(data: Union[str, _Data], /) -> bytes:
    """Decode base64."""
def b2a_base64(data: _Data, /, *, newline: bool = True) -> bytes:
    """Encode as base64, followed by a newline unless `newline=False`."""
def crc32(data: _Data, value: int = 0, /) -> int:
    """CRC-32 of `data`, continuing from a previous `value`."""
