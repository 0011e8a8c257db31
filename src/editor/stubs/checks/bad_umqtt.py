from umqtt.simple import MQTTClient

c = MQTTClient("id")  # error: Argument missing for parameter "server"
c.publish(b"t")  # error: Argument missing for parameter "msg"
c.on_message = None  # error: Cannot assign member "on_message"|Attribute "on_message" is unknown
