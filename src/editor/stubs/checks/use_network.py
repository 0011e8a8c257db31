import network
import time

wlan = network.WLAN(network.STA_IF)
wlan.active(True)
if not wlan.isconnected():
    wlan.connect("ssid", "password")
    while not wlan.isconnected():
        time.sleep_ms(100)
ip, mask, gw, dns = wlan.ifconfig()
addr = wlan.ipconfig("addr4")
mac: bytes = wlan.config("mac")
wlan.config(pm=network.WLAN.PM_NONE)
for ssid, bssid, channel, rssi, security, hidden in wlan.scan():
    print(ssid.decode(), rssi)
print(wlan.status() == network.STAT_GOT_IP, wlan.status("rssi"))
ap = network.WLAN(network.AP_IF)
ap.config(ssid="board", key="secret123")
ap.active(True)
network.hostname("mote")
name: str = network.hostname()
lan = network.LAN()
up: bool = lan.active()
wlan.disconnect()
