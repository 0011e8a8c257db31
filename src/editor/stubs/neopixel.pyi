"""WS2812 / NeoPixel addressable RGB(W) LEDs."""

from typing import Any, Union

class NeoPixel:
    """A strip of `n` LEDs on one pin. Set colours with `np[i] = (r, g, b)`, then call `np.write()`."""
    ORDER: tuple[int, ...]
    """Byte order on the wire (green, red, blue[, white] by default)."""
    n: int
    """Number of LEDs."""
    bpp: int
    """Bytes per LED: 3 (RGB) or 4 (RGBW)."""
    def __init__(self, pin: Any, n: int, *, bpp: int = 3, timing: Union[int, tuple[int, int, int, int]] = 1) -> None:
        """Strip of `n` LEDs on `pin` (a machine.Pin); `timing` 1 = 800 kHz, 0 = 400 kHz."""
    def fill(self, pixel: tuple[int, ...], /) -> None:
        """Set every LED to the same colour (call `write()` to show it)."""
    def __len__(self) -> int:
        """Number of LEDs."""
    def __setitem__(self, index: int, val: tuple[int, ...], /) -> None:
        """Set LED `index` to (r, g, b) or (r, g, b, w), each 0..255."""
    def __getitem__(self, index: int, /) -> tuple[int, ...]:
        """The colour of LED `index`."""
    def write(self) -> None:
        """Send the colours to the strip."""
