import deflate
import io

with open("data.gz", "rb") as f:
    d = deflate.DeflateIO(f, deflate.GZIP)
    text: bytes = d.read()
out = io.BytesIO()
with deflate.DeflateIO(out, deflate.ZLIB) as z:
    z.write(b"hello")
