"""Compact arrays of numbers of one C type (typecodes b B h H i I l L q Q f d)."""

from typing import Generic, Iterable, Iterator, MutableSequence, TypeVar, Union, overload
from typing_extensions import Self
from _mpy_types import IntOrFloat as _T


class array(MutableSequence[_T], Generic[_T]):
    """An array of numbers stored as raw C values, usable wherever a buffer is expected."""
    typecode: str
    """The type code the array was created with, e.g. "h"."""
    @overload
    def __init__(self: "array[int]", typecode: str, iterable: Union[bytes, bytearray, Iterable[int]] = ..., /) -> None:
        """Create an array of `typecode` items, filled from `iterable` if given."""
    @overload
    def __init__(self: "array[float]", typecode: str, iterable: Iterable[float] = ..., /) -> None: ...
    def append(self, val: _T, /) -> None:
        """Add `val` at the end."""
    def extend(self, iterable: Iterable[_T], /) -> None:
        """Add every item of `iterable` at the end."""
    def insert(self, index: int, value: _T, /) -> None:
        """Insert `value` before position `index`."""
    def decode(self, encoding: str = "utf-8", /) -> str:
        """Decode the raw bytes as text."""
    @overload
    def __getitem__(self, index: int, /) -> _T: ...
    @overload
    def __getitem__(self, index: slice, /) -> Self: ...
    @overload
    def __setitem__(self, index: int, value: _T, /) -> None: ...
    @overload
    def __setitem__(self, index: slice, value: Iterable[_T], /) -> None: ...
    def __delitem__(self, index: Union[int, slice], /) -> None: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[_T]: ...
    def __add__(self, other: Self, /) -> Self: ...
    def __iadd__(self, other: Iterable[_T], /) -> Self: ...  # type: ignore[override]
