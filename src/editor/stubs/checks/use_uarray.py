import uarray

a = uarray.array("B", b"ab")
