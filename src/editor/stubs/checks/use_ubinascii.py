import ubinascii

h: bytes = ubinascii.hexlify(b"ab")
