"""Old name of `asyncio`, still accepted by MicroPython."""

from asyncio import *
