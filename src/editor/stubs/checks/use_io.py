import io

s = io.StringIO()
s.write("abc")
text: str = s.getvalue()
b = io.BytesIO(b"xyz")
chunk: bytes = b.read(2)
with open("data.txt") as f:
    line: str = f.readline()
with open("data.bin", "rb") as fb:
    raw: bytes = fb.read()
