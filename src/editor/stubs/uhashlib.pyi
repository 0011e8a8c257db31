"""Old name of `hashlib`, still accepted by MicroPython."""

from hashlib import *
