"""Old name of `select`, still accepted by MicroPython."""

from select import *
