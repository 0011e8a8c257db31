"""Old name of `io`, still accepted by MicroPython."""

from io import *
