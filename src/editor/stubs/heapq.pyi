"""Heap queue: a list kept so that `heap[0]` is always the smallest item (priority queues, schedulers)."""

from typing import Any, TypeVar
from _mpy_types import T as _T


def heappush(heap: list[_T], item: _T, /) -> None:
    """Add `item` to the heap."""
def heappop(heap: list[_T], /) -> _T:
    """Remove and return the smallest item; IndexError if empty."""
def heapify(x: list[Any], /) -> None:
    """Rearrange list `x` into a heap, in place."""
