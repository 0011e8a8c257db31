import binascii

h: bytes = binascii.hexlify(b"\x01\xab")
spaced = binascii.hexlify(b"\x01\xab", ":")
raw: bytes = binascii.unhexlify("01ab")
b64 = binascii.b2a_base64(b"data", newline=False)
back = binascii.a2b_base64(b64)
crc: int = binascii.crc32(b"abc")
