"""MQTT clients from micropython-lib (`mip.install("umqtt.simple")`)."""
