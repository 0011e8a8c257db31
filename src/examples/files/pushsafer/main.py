# Send a push notification to your phone or browser through Pushsafer (https://www.pushsafer.com).
# It goes over HTTPS, so it needs a real board with Wi-Fi: the virtual board has no TLS.
# Fill in secrets.py first.
try:
    import requests
except ImportError:
    import urequests as requests  # the name on older firmware
import sys

import secrets
import wifi

if not secrets.PUSHSAFER_KEY:
    raise ValueError("put your Pushsafer private key in PUSHSAFER_KEY in secrets.py")


def form_encode(fields):
    """URL-encodes fields for an HTML-form body (MicroPython has no urllib)."""
    safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~"
    parts = []
    for key, value in fields:
        encoded = "".join(chr(b) if chr(b) in safe else "%%%02X" % b for b in str(value).encode())
        parts.append(key + "=" + encoded)
    return "&".join(parts)


def notify(title, message):
    body = form_encode(
        (("k", secrets.PUSHSAFER_KEY), ("d", secrets.PUSHSAFER_DEVICE), ("t", title), ("m", message))
    )
    response = requests.post(
        "https://www.pushsafer.com/api",
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    print("Pushsafer answered", response.status_code, response.text)
    response.close()


wifi.connect()
notify("Hello from MicroPython", "Sent by a board running " + sys.platform)
