"""Old name of `random`, still accepted by MicroPython."""

from random import *
