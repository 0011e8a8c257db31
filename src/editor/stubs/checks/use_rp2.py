import machine
import rp2


@rp2.asm_pio(set_init=rp2.PIO.OUT_LOW)
def blink() -> None:
    pass


sm = rp2.StateMachine(0, blink, freq=2000, set_base=machine.Pin(25))
sm.active(1)
running: bool = sm.active()
sm.put(1)
word: int = sm.get()
waiting: int = sm.rx_fifo()
sm.exec("set(pins, 0)")
pio = rp2.PIO(0)
pio.remove_program()
pressed: int = rp2.bootsel_button()
flash = rp2.Flash()
