"""Old name of `re`, still accepted by MicroPython."""

from re import *
