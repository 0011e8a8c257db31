"""Old name of `os`, still accepted by MicroPython."""

from os import *
