"""Old name of `sys`, still accepted by MicroPython."""

from sys import *
