"""Old name of `binascii`, still accepted by MicroPython."""

from binascii import *
