"""Mathematical functions on complex numbers (ports with floats and complex support)."""

from typing import Final, SupportsComplex, SupportsFloat, Union
from _mpy_types import ComplexLike as _C


e: Final[float]
"""Euler's number."""
pi: Final[float]
"""Pi."""

def cos(z: _C, /) -> complex:
    """Cosine of z."""
def exp(z: _C, /) -> complex:
    """e to the power z."""
def log(z: _C, /) -> complex:
    """Natural logarithm of z (branch cut along the negative real axis)."""
def log10(z: _C, /) -> complex:
    """Base-10 logarithm of z."""
def phase(z: _C, /) -> float:
    """The angle of z, in (-pi, pi]."""
def polar(z: _C, /) -> tuple[float, float]:
    """(modulus, phase) of z."""
def rect(r: float, phi: float, /) -> complex:
    """The complex number with modulus r and phase phi."""
def sin(z: _C, /) -> complex:
    """Sine of z."""
def sqrt(z: _C, /) -> complex:
    """Square root of z."""
