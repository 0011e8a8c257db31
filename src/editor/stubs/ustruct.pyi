"""Old name of `struct`, still accepted by MicroPython."""

from struct import *
