import espnow

espnow.ESPNow().broadcast(b"x")  # error: Cannot access member "broadcast"
espnow.ESPNow().config(timeout=5)  # error: No overloads for "config"|No parameter named "timeout"
