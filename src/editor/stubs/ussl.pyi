"""Old name of `ssl`, still accepted by MicroPython."""

from ssl import *
