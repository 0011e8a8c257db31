/**
 * The first two programs our users bring (shared/notes/users.md): the ESP32 blink and the button loop that the
 * Raspberry Pi gpiozero Button example becomes in MicroPython. They run unchanged on a real ESP32 and on the virtual
 * board, whose panel has an LED on Pin 2 and a button on Pin 0 (the ESP32's BOOT button, active low).
 */

export const BLINK_EXAMPLE = `from machine import Pin
from time import sleep

led = Pin(2, Pin.OUT)

while True:
    led.on()
    sleep(1)
    led.off()
    sleep(1)
`;

export const BUTTON_EXAMPLE = `from machine import Pin
from time import sleep

# The button pulls the pin low when pressed; the pull-up holds it high otherwise.
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
`;

export interface HardwareExample {
  /** File name the example is saved under. */
  name: string;
  title: string;
  source: string;
}

export const HARDWARE_EXAMPLES: readonly HardwareExample[] = [
  { name: "blink.py", title: "Blink the LED on Pin 2", source: BLINK_EXAMPLE },
  { name: "button.py", title: "Print when the button on Pin 0 is pressed", source: BUTTON_EXAMPLE },
];
