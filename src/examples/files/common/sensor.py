# One reading to send, from whatever this board has: the RP2040's temperature sensor on a Pico, the knob on
# ADC pin 34 of an ESP32 (the virtual board has one there too), else a counter so there is still something to send.
import sys
import machine

_adc = None
_kind = None
_count = 0


def _open():
    global _adc, _kind
    if sys.platform == "rp2":
        _adc, _kind = machine.ADC(4), "temperature"
        return
    try:
        _adc, _kind = machine.ADC(machine.Pin(34)), "adc"
    except Exception:
        _kind = "count"


def read():
    """Returns (name, value), e.g. ("adc", 31250)."""
    global _count
    if _kind is None:
        _open()
    if _kind == "temperature":
        volts = _adc.read_u16() * 3.3 / 65535
        return "temperature", round(27 - (volts - 0.706) / 0.001721, 1)
    if _kind == "adc":
        return "adc", _adc.read_u16()
    _count += 1
    return "count", _count
