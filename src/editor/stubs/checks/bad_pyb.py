import pyb

pyb.LED(1).blink()  # error: Cannot access member "blink"
pyb.delay()  # error: Expected 1 more positional argument
pyb.sleep(1)  # error: "sleep" is not a known member of module
