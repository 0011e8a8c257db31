import time

time.sleep(0.5)
time.sleep_ms(10)
time.sleep_us(5)
start = time.ticks_ms()
deadline = time.ticks_add(start, 200)
if time.ticks_diff(deadline, time.ticks_ms()) > 0:
    pass
elapsed_us: int = time.ticks_diff(time.ticks_us(), time.ticks_us())
c = time.ticks_cpu()
now: int = time.time()
ns: int = time.time_ns()
year, month, mday, hour, minute, second, wday, yday = time.localtime()
t2 = time.gmtime(0)
secs: int = time.mktime(time.localtime())
