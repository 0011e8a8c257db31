import machine
import neopixel

np = neopixel.NeoPixel(machine.Pin(5))  # error: Argument missing for parameter "n"
np.show()  # error: Cannot access member "show"
