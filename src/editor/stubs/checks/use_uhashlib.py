import uhashlib

d: bytes = uhashlib.sha256(b"x").digest()
