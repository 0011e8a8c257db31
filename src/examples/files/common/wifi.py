# Joins the Wi-Fi network named in secrets.py and waits until the board has an address.
# Boards without Wi-Fi (a pyboard, a Pico without W) have no network module, and this says so.
import time


def connect(timeout_s=20):
    try:
        import network
    except ImportError:
        raise OSError("this board has no network module, so it cannot join Wi-Fi")
    import secrets

    wlan = network.WLAN(network.STA_IF)
    wlan.active(True)
    if not wlan.isconnected():
        print("Joining Wi-Fi", secrets.WIFI_SSID, "...")
        wlan.connect(secrets.WIFI_SSID, secrets.WIFI_PASSWORD)
        started = time.ticks_ms()
        while not wlan.isconnected():
            if time.ticks_diff(time.ticks_ms(), started) > timeout_s * 1000:
                raise OSError("could not join Wi-Fi %r: check WIFI_SSID and WIFI_PASSWORD in secrets.py" % secrets.WIFI_SSID)
            time.sleep(0.25)
    print("Wi-Fi connected, address", wlan.ifconfig()[0])
    return wlan
