"""Old name of `collections`, still accepted by MicroPython."""

from collections import *
