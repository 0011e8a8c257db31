import uio

s = uio.StringIO("x")
v: str = s.getvalue()
