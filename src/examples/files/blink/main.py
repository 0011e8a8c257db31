# Blink the LED on Pin 2 once a second: the ESP32's on-board LED (and the virtual board's Pin 2 LED).
# On a Raspberry Pi Pico, change 2 to "LED".
from machine import Pin
from time import sleep

led = Pin(2, Pin.OUT)

while True:
    led.on()
    sleep(1)
    led.off()
    sleep(1)
