import espnow
import network

sta = network.WLAN(network.STA_IF)
sta.active(True)
e = espnow.ESPNow()
e.active(True)
peer = b"\xbb\xbb\xbb\xbb\xbb\xbb"
e.add_peer(peer)
ok: bool = e.send(peer, "hello")
e.send(peer, b"fast", False)
host, msg = e.recv(100)
if msg:
    print(host, msg)
e.config(timeout_ms=500)
e.irq(lambda ens: None)
for mac, data in e:
    break
