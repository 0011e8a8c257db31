/**
 * Python source of the virtual board's `machine` module, loaded into every interpreter at boot
 * (runtime-hardware.ts). Pin state lives in the shared hardware block, reached through `js.moteHw*` hooks, so the page
 * sees it and it outlives an interpreter that had to be killed.
 *
 * IRQ and Timer callbacks run at dispatch points: inside time.sleep* (the JS sleep wakes for a due timer or a changed
 * input and calls `_dispatch`), in Pin.value() and in idle(). Constants use the ESP32 port's numbers.
 */
export const MACHINE_SOURCE = String.raw`
import js, sys, time

_NO = -1
_MODES = {1: 1, 3: 2, 7: 3}
_PULLS = {None: 0, _NO: 0, 2: 1, 1: 2}
_handlers = {}
_timers = []
_busy = False
_armed = False


def _pin_id(id):
    if isinstance(id, Pin):
        return id._id
    if id == 'LED':
        return 25
    if isinstance(id, int) and 0 <= id < 48:
        return id
    raise ValueError('invalid pin')


def _arm():
    global _armed
    if not _armed:
        _armed = True
        js.moteSetDispatch(_js_dispatch)


def _call(cb, arg):
    try:
        cb(arg)
    except KeyboardInterrupt:
        raise
    except Exception as e:
        print('Uncaught exception in IRQ callback handler')
        sys.print_exception(e)


def _dispatch():
    global _busy
    if _busy:
        return -1
    _busy = True
    try:
        for i in list(_handlers):
            h = _handlers.get(i)
            n = js.moteHwPresses(i)
            if h is None or n == 0 or h[0]._rest() == 0:
                continue
            level = h[0]._level()
            for k in range(min(n, 16)):
                rising = ((n - 1 - k) % 2 == 0) == (level == 1)
                if h[2] & (Pin.IRQ_RISING if rising else Pin.IRQ_FALLING):
                    _call(h[1], h[0])
        nxt = -1
        now = time.ticks_ms()
        for t in list(_timers):
            d = time.ticks_diff(t._due, now)
            if d <= 0:
                if t._mode == Timer.PERIODIC:
                    t._due = time.ticks_add(t._due, t._period)
                    if time.ticks_diff(t._due, now) <= 0:
                        t._due = time.ticks_add(now, t._period)
                elif t in _timers:
                    _timers.remove(t)
                _call(t._cb, t)
                now = time.ticks_ms()
        for t in _timers:
            d = max(0, time.ticks_diff(t._due, now))
            if nxt < 0 or d < nxt:
                nxt = d
        return nxt
    finally:
        _busy = False


def _js_dispatch():
    try:
        return _dispatch()
    except KeyboardInterrupt:
        return -2


def _poll():
    if _armed:
        _dispatch()


class _Irq:
    def __init__(self, pin):
        self._pin = pin

    def trigger(self):
        h = _handlers.get(self._pin._id)
        return h[2] if h else 0

    def flags(self):
        return 0


class Pin:
    IN = 1
    OUT = 3
    OPEN_DRAIN = 7
    PULL_UP = 2
    PULL_DOWN = 1
    PULL_HOLD = 4
    IRQ_RISING = 1
    IRQ_FALLING = 2
    DRIVE_0 = 0
    DRIVE_1 = 1
    DRIVE_2 = 2
    DRIVE_3 = 3

    def __init__(self, id, mode=_NO, pull=_NO, value=None, drive=_NO, alt=_NO):
        self._id = _pin_id(id)
        self.init(mode, pull, value)

    def init(self, mode=_NO, pull=_NO, value=None, drive=_NO, alt=_NO):
        if value is not None:
            js.moteHwSet(self._id, 1, 1 if value else 0)
        if pull != _NO:
            if pull not in _PULLS:
                raise ValueError('invalid pull')
            js.moteHwSet(self._id, 2, _PULLS[pull])
        if mode != _NO:
            if mode not in _MODES:
                raise ValueError('invalid pin mode')
            js.moteHwSet(self._id, 0, _MODES[mode])

    def _rest(self):
        p = js.moteHwGet(self._id, 2)
        if p == 1:
            return 1
        if p == 2:
            return 0
        # GPIO0 on ESP32 boards has a pull-up resistor on the board for its BOOT button.
        return 1 if self._id == 0 else 0

    def _level(self):
        # Nothing after the JS call, so a Ctrl-C it picks up surfaces in the caller's loop, as on a board.
        return js.moteHwLevel(self._id)

    def value(self, *v):
        if v:
            js.moteHwSet(self._id, 1, 1 if v[0] else 0)
            return None
        _poll()
        return self._level()

    def __call__(self, *v):
        return self.value(*v)

    def on(self):
        js.moteHwSet(self._id, 1, 1)

    def off(self):
        js.moteHwSet(self._id, 1, 0)

    def high(self):
        self.on()

    def low(self):
        self.off()

    def toggle(self):
        js.moteHwSet(self._id, 1, 0 if js.moteHwGet(self._id, 1) else 1)

    def mode(self, *m):
        if m:
            self.init(m[0])
            return None
        code = js.moteHwGet(self._id, 0)
        for k in _MODES:
            if _MODES[k] == code:
                return k
        return None

    def pull(self, *p):
        if p:
            self.init(_NO, p[0])
            return None
        code = js.moteHwGet(self._id, 2)
        return {1: Pin.PULL_UP, 2: Pin.PULL_DOWN}.get(code)

    def irq(self, handler=None, trigger=3, priority=1, wake=None, hard=False):
        if handler is None:
            _handlers.pop(self._id, None)
        else:
            js.moteHwPresses(self._id)
            _handlers[self._id] = (self, handler, trigger)
            _arm()
        return _Irq(self)

    def __repr__(self):
        return 'Pin(%d)' % self._id


class Signal:
    def __init__(self, pin, *args, invert=False, **kw):
        self._pin = pin if isinstance(pin, Pin) else Pin(pin, *args, **kw)
        self._inv = invert

    def value(self, *v):
        if v:
            return self._pin.value((not v[0]) if self._inv else v[0])
        return self._pin.value() ^ (1 if self._inv else 0)

    def on(self):
        self.value(1)

    def off(self):
        self.value(0)


class ADC:
    ATTN_0DB = 0
    ATTN_2_5DB = 1
    ATTN_6DB = 2
    ATTN_11DB = 3
    WIDTH_9BIT = 9
    WIDTH_10BIT = 10
    WIDTH_11BIT = 11
    WIDTH_12BIT = 12

    def __init__(self, pin, atten=None):
        self._id = _pin_id(pin)
        js.moteHwSet(self._id, 0, 5)

    def read_u16(self):
        _poll()
        return js.moteHwAdc(self._id)

    def read(self):
        return self.read_u16() >> 4

    def read_uv(self):
        return self.read_u16() * 3300000 // 65535

    def atten(self, a):
        pass

    def width(self, w):
        pass


class PWM:
    def __init__(self, dest, freq=None, duty_u16=None, duty=None, duty_ns=None, invert=False):
        self._id = _pin_id(dest)
        self.init(freq, duty_u16, duty, duty_ns)

    def init(self, freq=None, duty_u16=None, duty=None, duty_ns=None):
        if js.moteHwGet(self._id, 0) != 4:
            js.moteHwSet(self._id, 3, 5000)
            js.moteHwSet(self._id, 4, 32768)
            js.moteHwSet(self._id, 0, 4)
        if freq is not None:
            self.freq(freq)
        if duty_u16 is not None:
            self.duty_u16(duty_u16)
        if duty is not None:
            self.duty(duty)
        if duty_ns is not None:
            self.duty_ns(duty_ns)

    def freq(self, *f):
        if f:
            if not 0 < f[0] <= 40000000:
                raise ValueError('frequency must be from 1Hz to 40MHz')
            js.moteHwSet(self._id, 3, int(f[0]))
            return None
        return js.moteHwGet(self._id, 3)

    def duty_u16(self, *d):
        if d:
            js.moteHwSet(self._id, 4, max(0, min(65535, int(d[0]))))
            return None
        return js.moteHwGet(self._id, 4)

    def duty(self, *d):
        if d:
            self.duty_u16(int(d[0]) * 65535 // 1023)
            return None
        return (self.duty_u16() * 1023 + 32767) // 65535

    def duty_ns(self, *d):
        period_ns = 1000000000 // max(1, self.freq())
        if d:
            self.duty_u16(int(d[0]) * 65535 // period_ns)
            return None
        return self.duty_u16() * period_ns // 65535

    def deinit(self):
        for f in (0, 1, 3, 4):
            js.moteHwSet(self._id, f, 0)


class Timer:
    ONE_SHOT = 0
    PERIODIC = 1

    def __init__(self, id=-1, mode=1, period=-1, freq=-1, callback=None, tick_hz=1000):
        self._id = id
        self._cb = None
        if callback is not None or period != -1 or freq != -1:
            self.init(mode=mode, period=period, freq=freq, callback=callback)

    def init(self, mode=1, period=-1, freq=-1, callback=None, tick_hz=1000):
        if freq != -1:
            if freq <= 0:
                raise ValueError('freq must be positive')
            period = max(1, int(1000 / freq))
        elif period == -1:
            period = 1000
        else:
            period = max(1, int(period * 1000 / tick_hz))
        self._mode = mode
        self._period = period
        self._cb = callback
        self._due = time.ticks_add(time.ticks_ms(), period)
        if self in _timers:
            _timers.remove(self)
        if callback is not None:
            _timers.append(self)
            _arm()

    def deinit(self):
        if self in _timers:
            _timers.remove(self)

    def __repr__(self):
        return 'Timer(%s)' % self._id


class _Unsupported:
    def __init__(self, *a, **kw):
        raise OSError('machine.%s is not on the virtual board; connect a real board to use it' % type(self).__name__)


class I2C(_Unsupported):
    pass


class SoftI2C(_Unsupported):
    pass


class SPI(_Unsupported):
    pass


class SoftSPI(_Unsupported):
    pass


class UART(_Unsupported):
    pass


class RTC:
    def datetime(self, *dt):
        if dt:
            return None
        t = time.localtime()
        return (t[0], t[1], t[2], t[6], t[3], t[4], t[5], 0)

    def init(self, *a):
        pass


class WDT:
    def __init__(self, id=0, timeout=5000):
        self._timeout = timeout

    def feed(self):
        pass


PWRON_RESET = 1
HARD_RESET = 2
WDT_RESET = 3
DEEPSLEEP_RESET = 4
SOFT_RESET = 5
_freq = 160000000


def freq(*f):
    global _freq
    if f:
        _freq = int(f[0])
        return None
    return _freq


def unique_id():
    return b'Mote\x00\x01'


def reset():
    js.moteReset(0)


def soft_reset():
    js.moteReset(1)


def reset_cause():
    return js.moteResetCause()


def idle():
    time.sleep_ms(1)


def lightsleep(ms=None):
    if ms is None:
        while True:
            time.sleep_ms(1000)
    time.sleep_ms(ms)


def deepsleep(ms=None):
    lightsleep(ms)


def disable_irq():
    global _busy
    was = _busy
    _busy = True
    return was


def enable_irq(state=False):
    global _busy
    _busy = state


def time_pulse_us(pin, pulse_level, timeout_us=1000000):
    raise OSError('machine.time_pulse_us is not on the virtual board; connect a real board to use it')


def bootloader(*a):
    raise OSError('the virtual board has no bootloader')
`;
