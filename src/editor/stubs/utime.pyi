"""Old name of `time`, still accepted by MicroPython."""

from time import *
