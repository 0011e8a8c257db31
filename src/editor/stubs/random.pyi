"""Pseudo-random numbers. Seeded from the hardware at boot on most ports; `seed()` makes sequences repeatable."""

from typing import Optional, Sequence, TypeVar
from _mpy_types import T as _T


def getrandbits(n: int, /) -> int:
    """An integer with `n` random bits (0 <= n <= 32)."""
def randint(a: int, b: int, /) -> int:
    """A random integer with a <= N <= b."""
def randrange(start: int, stop: int = ..., step: int = 1, /) -> int:
    """A random integer from range(start, stop, step), or range(start) with one argument."""
def random() -> float:
    """A random float in [0.0, 1.0)."""
def uniform(a: float, b: float, /) -> float:
    """A random float between a and b."""
def choice(sequence: Sequence[_T], /) -> _T:
    """A random item of a non-empty sequence."""
def seed(n: Optional[int] = None, /) -> None:
    """Restart the generator from `n` (from a hardware source if None)."""
