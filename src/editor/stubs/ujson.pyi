"""Old name of `json`, still accepted by MicroPython."""

from json import *
