# Your Wi-Fi name, passwords and keys, all in this one file.
# Mote copies it only to your board, and asks before it puts it in an exported zip.
# Keep it out of version control (add secrets.py to .gitignore).

WIFI_SSID = "my-network"
WIFI_PASSWORD = "my-password"

# Where the backend listens: "localhost" is the computer running Mote when you use the virtual board;
# from a real board use that computer's address on your network, e.g. "http://192.168.1.20:5000/readings".
REST_URL = "http://localhost:5000/readings"
DEVICE_NAME = "mote-board"
