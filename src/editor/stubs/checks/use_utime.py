import utime

utime.sleep_ms(10)
t: int = utime.ticks_diff(utime.ticks_ms(), 0)
