# Blink the pyboard's four LEDs in turn with the pyb module.
# pyb exists only on the pyboard (and other STM32 boards): on an ESP32, a Pico or the virtual board,
# use the Blink example instead.
import pyb

leds = [pyb.LED(n) for n in range(1, 5)]  # 1 red, 2 green, 3 yellow, 4 blue

while True:
    for led in leds:
        led.toggle()
        pyb.delay(250)
