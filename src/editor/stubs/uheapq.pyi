"""Old name of `heapq`, still accepted by MicroPython."""

from heapq import *
