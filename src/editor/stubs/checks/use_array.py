from array import array

a = array("h", [1, 2, 3])
a.append(4)
first: int = a[0]
f = array("f", [0.5])
v: float = f[0]
b = bytes(a)
