# Print when the button on Pin 0 is pressed and released: the gpiozero Button loop, in MicroPython.
# Pin 0 is the ESP32's BOOT button (and the virtual board's push button). It pulls the pin low when pressed;
# the pull-up holds it high otherwise.
from machine import Pin
from time import sleep

button = Pin(0, Pin.IN, Pin.PULL_UP)

pressed = False
while True:
    if button.value() == 0 and not pressed:
        print("Button Pressed")
        pressed = True
    elif button.value() == 1 and pressed:
        print("Button Released")
        pressed = False
    sleep(0.05)
