import time

time.sleep()  # error: Expected 1 more positional argument
time.sleep_ms("10")  # error: Argument of type
time.ticks_diff(1)  # error: Expected 1 more positional argument
time.monotonic()  # error: "monotonic" is not a known member of module
t: str = time.ticks_ms()  # error: "int" is incompatible with "str"
time.localtime(0, 1)  # error: Expected 1 positional argument
