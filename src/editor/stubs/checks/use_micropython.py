import micropython
from micropython import const

LED_PIN = const(2)
_BUF = const(64)
micropython.alloc_emergency_exception_buf(100)
micropython.mem_info()
micropython.mem_info(1)
micropython.qstr_info()
depth: int = micropython.stack_use()
micropython.heap_lock()
micropython.heap_unlock()
micropython.kbd_intr(-1)
micropython.schedule(lambda arg: None, 0)
micropython.opt_level(2)
level: int = micropython.opt_level()


@micropython.native
def fast(x: int) -> int:
    return x + LED_PIN


@micropython.viper
def faster(x: int) -> int:
    return x


y: int = fast(1)
