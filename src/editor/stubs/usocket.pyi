"""Old name of `socket`, still accepted by MicroPython."""

from socket import *
