# Send device-to-cloud messages to Azure IoT Hub over MQTT, with a SAS token the board signs itself.
# Watch them arrive with: az iot hub monitor-events --hub-name HUB --device-id DEVICE
# It needs TLS, so a real board with Wi-Fi and MicroPython 1.23 or newer: the virtual board has no TLS.
# Fill in secrets.py first.
import json
import time

import ssl
from umqtt.simple import MQTTClient

import secrets
import sensor
import wifi
from sas import sas_token

if not (secrets.AZURE_HUB and secrets.AZURE_DEVICE and secrets.AZURE_DEVICE_KEY):
    raise ValueError("fill in AZURE_HUB, AZURE_DEVICE and AZURE_DEVICE_KEY in secrets.py")

wifi.connect()
try:
    import ntptime

    ntptime.settime()  # the token's expiry needs the real time
except Exception as e:
    print("Could not set the clock from the network:", e)

host = secrets.AZURE_HUB + ".azure-devices.net"
user = host + "/" + secrets.AZURE_DEVICE + "/?api-version=2021-04-12"
password = sas_token(host + "/devices/" + secrets.AZURE_DEVICE, secrets.AZURE_DEVICE_KEY)

tls = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
# For a first try the hub's certificate is not checked; for a real device load its root CA with
# tls.load_verify_locations() and use ssl.CERT_REQUIRED.
tls.verify_mode = ssl.CERT_NONE
client = MQTTClient(secrets.AZURE_DEVICE, host, port=8883, user=user, password=password, keepalive=120, ssl=tls)
client.connect()
print("Connected to", host)

topic = "devices/%s/messages/events/" % secrets.AZURE_DEVICE
try:
    n = 0
    while True:
        name, value = sensor.read()
        message = json.dumps({"device": secrets.AZURE_DEVICE, name: value, "n": n})
        client.publish(topic, message)
        print("Sent", message)
        n += 1
        time.sleep(10)
finally:
    client.disconnect()
