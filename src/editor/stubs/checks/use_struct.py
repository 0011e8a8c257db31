import struct

raw = struct.pack("<HhI", 1, -2, 3)
a, b, c = struct.unpack("<HhI", raw)
size: int = struct.calcsize(">f")
buf = bytearray(8)
struct.pack_into("<I", buf, 4, 7)
(v,) = struct.unpack_from("<I", buf, 4)
