# Your Wi-Fi name, passwords and keys, all in this one file.
# Mote copies it only to your board, and asks before it puts it in an exported zip.
# Keep it out of version control (add secrets.py to .gitignore).

WIFI_SSID = "my-network"
WIFI_PASSWORD = "my-password"

# Your private key from https://www.pushsafer.com (Dashboard), and the device or group to notify ("a" = all).
PUSHSAFER_KEY = ""
PUSHSAFER_DEVICE = "a"
