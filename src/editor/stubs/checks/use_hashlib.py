import binascii
import hashlib

h = hashlib.sha256()
h.update(b"abc")
digest: bytes = h.digest()
print(binascii.hexlify(digest))
quick = hashlib.sha256(b"xyz").digest()
old = hashlib.sha1(b"x").digest()
m = hashlib.md5()
