import machine
import neopixel

np = neopixel.NeoPixel(machine.Pin(5), 8)
np[0] = (255, 0, 0)
np.fill((0, 0, 10))
r, g, b = np[1]
count: int = len(np)
np.write()
rgbw = neopixel.NeoPixel(machine.Pin(6), 4, bpp=4)
