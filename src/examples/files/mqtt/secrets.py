# Your Wi-Fi name, passwords and keys, all in this one file.
# Mote copies it only to your board, and asks before it puts it in an exported zip.
# Keep it out of version control (add secrets.py to .gitignore).

WIFI_SSID = "my-network"
WIFI_PASSWORD = "my-password"

# The broker: "localhost" is the computer running Mote when you use the virtual board;
# from a real board use the broker's address on your network, e.g. "192.168.1.20".
MQTT_BROKER = "localhost"
MQTT_PORT = 1883
MQTT_TOPIC = b"mote/readings"
