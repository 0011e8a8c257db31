# POST sensor readings as JSON to a REST backend every 10 seconds. A matching backend, with Flask:
#
#     from flask import Flask, request
#     app = Flask(__name__)
#
#     @app.post("/readings")
#     def readings():
#         print(request.json)
#         return {"ok": True}
#
# Fill in secrets.py first.
try:
    import requests
except ImportError:
    import urequests as requests  # the name on older firmware
import time

import secrets
import sensor
import wifi

wifi.connect()
while True:
    name, value = sensor.read()
    reading = {"device": secrets.DEVICE_NAME, name: value, "uptime_ms": time.ticks_ms()}
    response = requests.post(secrets.REST_URL, json=reading)
    print("POST", reading, "->", response.status_code, response.text)
    response.close()
    time.sleep(10)
