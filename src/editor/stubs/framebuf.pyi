"""Frame buffers: draw pixels, lines, rectangles, text and other images into a bytearray, then send it to a display."""

from typing import Any, Final, Optional, Sequence, Union

MONO_VLSB: Final[int]
"""Monochrome, each byte a vertical column of 8 pixels, bit 0 at the top (SSD1306)."""
MONO_HLSB: Final[int]
"""Monochrome, each byte 8 horizontal pixels, bit 7 leftmost."""
MONO_HMSB: Final[int]
"""Monochrome, each byte 8 horizontal pixels, bit 0 leftmost."""
RGB565: Final[int]
"""16-bit colour: 5 bits red, 6 green, 5 blue."""
GS2_HMSB: Final[int]
"""2-bit greyscale."""
GS4_HMSB: Final[int]
"""4-bit greyscale."""
GS8: Final[int]
"""8-bit greyscale."""
MVLSB: Final[int]
"""Old name of MONO_VLSB."""

class FrameBuffer:
    """An image over a buffer. `FrameBuffer(bytearray(128 * 64 // 8), 128, 64, framebuf.MONO_VLSB)` fits an SSD1306."""
    def __init__(self, buffer: Union[bytearray, memoryview], width: int, height: int, format: int, stride: int = ..., /) -> None:
        """Use `buffer` (large enough for width x height in `format`) as the pixel store."""
    def fill(self, c: int, /) -> None:
        """Set every pixel to colour `c`."""
    def pixel(self, x: int, y: int, c: int = ..., /) -> Optional[int]:
        """Set pixel (x, y) to `c`, or return its colour when `c` is omitted."""
    def hline(self, x: int, y: int, w: int, c: int, /) -> None:
        """Horizontal line of width `w`."""
    def vline(self, x: int, y: int, h: int, c: int, /) -> None:
        """Vertical line of height `h`."""
    def line(self, x1: int, y1: int, x2: int, y2: int, c: int, /) -> None:
        """Line between two points."""
    def rect(self, x: int, y: int, w: int, h: int, c: int, f: bool = False, /) -> None:
        """Rectangle outline, or filled when `f` is True."""
    def fill_rect(self, x: int, y: int, w: int, h: int, c: int, /) -> None:
        """Filled rectangle."""
    def ellipse(self, x: int, y: int, xr: int, yr: int, c: int, f: bool = False, m: int = 15, /) -> None:
        """Ellipse centred at (x, y) with radii xr, yr; `f` fills it; `m` picks quadrants (bits 0..3)."""
    def poly(self, x: int, y: int, coords: Any, c: int, f: bool = False, /) -> None:
        """Polygon from an array of alternating x, y coordinates, offset by (x, y)."""
    def text(self, s: str, x: int, y: int, c: int = 1, /) -> None:
        """Draw `s` in the built-in 8x8 font with its top-left corner at (x, y)."""
    def scroll(self, xstep: int, ystep: int, /) -> None:
        """Shift the whole image (leaves a trail of the old content)."""
    def blit(self, fbuf: Union["FrameBuffer", tuple[Any, ...]], x: int, y: int, key: int = -1, palette: Optional["FrameBuffer"] = None, /) -> None:
        """Draw another frame buffer at (x, y); pixels of colour `key` are transparent; `palette` maps colours."""

def FrameBuffer1(buffer: Union[bytearray, memoryview], width: int, height: int, format: int = ..., stride: int = ..., /) -> FrameBuffer:
    """Old constructor kept for compatibility."""
