import network

network.WLAN(network.STA_IF).connected()  # error: Cannot access member "connected"
network.WLAN(network.STA).active(True)  # error: "STA" is not a known member of module
network.WLAN().connect("a", "b", "c")  # error: Expected 2 positional arguments
