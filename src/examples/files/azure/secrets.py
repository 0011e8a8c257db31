# Your Wi-Fi name, passwords and keys, all in this one file.
# Mote copies it only to your board, and asks before it puts it in an exported zip.
# Keep it out of version control (add secrets.py to .gitignore).

WIFI_SSID = "my-network"
WIFI_PASSWORD = "my-password"

# Your IoT hub's name (the part before .azure-devices.net), the device id, and the device's primary key:
#   az iot hub device-identity create --hub-name HUB --device-id DEVICE
#   az iot hub device-identity show --hub-name HUB --device-id DEVICE --query authentication.symmetricKey.primaryKey
AZURE_HUB = ""
AZURE_DEVICE = ""
AZURE_DEVICE_KEY = ""
