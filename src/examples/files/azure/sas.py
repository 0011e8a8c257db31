# A shared access signature (SAS) token for Azure IoT Hub, signed on the board with HMAC-SHA256.
# The hub checks sig = base64(HMAC-SHA256(device key, url-encoded resource + "\n" + expiry)).
import binascii
import hashlib
import time

_UNRESERVED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~"


def hmac_sha256(key, message):
    """HMAC (RFC 2104) over SHA-256, for ports whose firmware has hashlib but no hmac module."""
    block = 64
    if len(key) > block:
        key = hashlib.sha256(key).digest()
    key = key + bytes(block - len(key))
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
    inner.update(message)
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))
    outer.update(inner.digest())
    return outer.digest()


def url_encode(text):
    # MicroPython cannot test an int for membership in bytes, so the test is on the character.
    return "".join(chr(b) if chr(b) in _UNRESERVED else "%%%02X" % b for b in text.encode())


def unix_time():
    # Most boards count seconds from 2000, not 1970 as Azure does.
    return time.time() + (946684800 if time.gmtime(0)[0] == 2000 else 0)


def sas_token(resource_uri, device_key, valid_s=3600, now=None):
    """The token for `resource_uri` ("HUB.azure-devices.net/devices/DEVICE"), valid for `valid_s` seconds."""
    expiry = int(unix_time() if now is None else now) + valid_s
    resource = url_encode(resource_uri)
    # Bytes for a2b_base64: some ports' binascii (the WebAssembly one) takes no str.
    key = binascii.a2b_base64(device_key.encode() if isinstance(device_key, str) else device_key)
    signature = hmac_sha256(key, ("%s\n%d" % (resource, expiry)).encode())
    sig = binascii.b2a_base64(signature).decode().strip()
    return "SharedAccessSignature sr=%s&sig=%s&se=%d" % (resource, url_encode(sig), expiry)
