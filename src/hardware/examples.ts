/**
 * The first two programs our users bring (shared/notes/users.md): the ESP32 blink and the button loop that the
 * Raspberry Pi gpiozero Button example becomes in MicroPython. They run unchanged on a real ESP32 and on the virtual
 * board, whose panel has an LED on Pin 2 and a button on Pin 0 (the ESP32's BOOT button, active low). The sources
 * are the examples gallery's own files (src/examples/files).
 */
import blink from "../examples/files/blink/main.py?raw";
import button from "../examples/files/button/main.py?raw";

export const BLINK_EXAMPLE: string = blink;
export const BUTTON_EXAMPLE: string = button;
