import bluetooth

bluetooth.BLE().advertise(100)  # error: Cannot access member "advertise"
bluetooth.UUID()  # error: Expected 1 more positional argument
x = bluetooth.FLAG_READABLE  # error: "FLAG_READABLE" is not a known member of module
