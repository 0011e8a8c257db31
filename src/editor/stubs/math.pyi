"""Mathematical functions on floats (single or double precision, depending on the port)."""

from typing import Final, SupportsFloat, Union
from _mpy_types import FloatLike as _F


e: Final[float]
"""Euler's number, 2.718..."""
pi: Final[float]
"""The ratio of a circle's circumference to its diameter, 3.14159..."""
inf: Final[float]
"""Positive infinity."""
nan: Final[float]
"""Not a number."""
tau: Final[float]
"""2 * pi."""

def acos(x: _F, /) -> float:
    """Arc cosine, in radians."""
def acosh(x: _F, /) -> float:
    """Inverse hyperbolic cosine."""
def asin(x: _F, /) -> float:
    """Arc sine, in radians."""
def asinh(x: _F, /) -> float:
    """Inverse hyperbolic sine."""
def atan(x: _F, /) -> float:
    """Arc tangent, in radians."""
def atan2(y: _F, x: _F, /) -> float:
    """Angle of the point (x, y) from the x axis, in radians, with the correct quadrant."""
def atanh(x: _F, /) -> float:
    """Inverse hyperbolic tangent."""
def ceil(x: _F, /) -> int:
    """Smallest integer >= x."""
def copysign(x: _F, y: _F, /) -> float:
    """x with the sign of y."""
def cos(x: _F, /) -> float:
    """Cosine of x radians."""
def cosh(x: _F, /) -> float:
    """Hyperbolic cosine."""
def degrees(x: _F, /) -> float:
    """Radians to degrees."""
def erf(x: _F, /) -> float:
    """The error function."""
def erfc(x: _F, /) -> float:
    """The complementary error function."""
def exp(x: _F, /) -> float:
    """e to the power x."""
def expm1(x: _F, /) -> float:
    """exp(x) - 1, accurate for small x."""
def fabs(x: _F, /) -> float:
    """Absolute value as a float."""
def floor(x: _F, /) -> int:
    """Largest integer <= x."""
def fmod(x: _F, y: _F, /) -> float:
    """Remainder of x / y with the sign of x."""
def frexp(x: _F, /) -> tuple[float, int]:
    """Split x into (mantissa, exponent) with x == m * 2**e."""
def gamma(x: _F, /) -> float:
    """The gamma function."""
def isclose(a: _F, b: _F, *, rel_tol: float = 1e-09, abs_tol: float = 0.0) -> bool:
    """Whether a and b are equal within the given tolerances."""
def isfinite(x: _F, /) -> bool:
    """Whether x is neither infinite nor nan."""
def isinf(x: _F, /) -> bool:
    """Whether x is infinite."""
def isnan(x: _F, /) -> bool:
    """Whether x is nan."""
def ldexp(x: _F, exp: int, /) -> float:
    """x * 2**exp."""
def lgamma(x: _F, /) -> float:
    """Natural log of the absolute gamma function."""
def log(x: _F, base: _F = ..., /) -> float:
    """Natural logarithm, or the logarithm to `base`."""
def log10(x: _F, /) -> float:
    """Base-10 logarithm."""
def log2(x: _F, /) -> float:
    """Base-2 logarithm."""
def modf(x: _F, /) -> tuple[float, float]:
    """(fractional part, integral part) of x."""
def pow(x: _F, y: _F, /) -> float:
    """x to the power y."""
def radians(x: _F, /) -> float:
    """Degrees to radians."""
def sin(x: _F, /) -> float:
    """Sine of x radians."""
def sinh(x: _F, /) -> float:
    """Hyperbolic sine."""
def sqrt(x: _F, /) -> float:
    """Square root."""
def tan(x: _F, /) -> float:
    """Tangent of x radians."""
def tanh(x: _F, /) -> float:
    """Hyperbolic tangent."""
def trunc(x: _F, /) -> int:
    """x rounded toward 0."""
def factorial(x: int, /) -> int:
    """x! (where enabled)."""
