"""Old name of `errno`, still accepted by MicroPython."""

from errno import *
