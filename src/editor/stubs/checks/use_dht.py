import dht
import machine

d = dht.DHT22(machine.Pin(4))
d.measure()
t: float = d.temperature()
h: float = d.humidity()
d11 = dht.DHT11(machine.Pin(5))
d11.measure()
whole: int = d11.temperature()
