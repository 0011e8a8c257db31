"""Old name of `array`, still accepted by MicroPython."""

from array import *
