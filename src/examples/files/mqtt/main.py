# Publish a sensor reading to an MQTT broker every 5 seconds; a backend (Eclipse Paho, say) subscribes to it.
# Fill in secrets.py first. umqtt.simple is built into ESP32 and ESP8266 firmware and into the virtual board;
# on other boards install it with Packages (umqtt.simple).
import binascii
import json
import time

import machine
from umqtt.simple import MQTTClient

import secrets
import sensor
import wifi

wifi.connect()
client_id = b"mote-" + binascii.hexlify(machine.unique_id())
client = MQTTClient(client_id, secrets.MQTT_BROKER, port=secrets.MQTT_PORT)
client.connect()
print("Connected to the broker at", secrets.MQTT_BROKER)

try:
    n = 0
    while True:
        name, value = sensor.read()
        message = json.dumps({name: value, "n": n})
        client.publish(secrets.MQTT_TOPIC, message)
        print("Published", message, "to", secrets.MQTT_TOPIC.decode())
        n += 1
        time.sleep(5)
finally:
    client.disconnect()
