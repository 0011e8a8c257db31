from umqtt.simple import MQTTClient


def on_msg(topic: bytes, msg: bytes) -> None:
    print(topic, msg)


c = MQTTClient("board-1", "broker.example.com", user="u", password="p", keepalive=60)
c.set_last_will(b"status", b"offline", retain=True)
c.set_callback(on_msg)
c.connect()
c.subscribe(b"cmd/#")
c.publish(b"status", b"online", retain=True, qos=1)
c.check_msg()
c.wait_msg()
c.ping()
c.disconnect()
