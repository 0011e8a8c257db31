"""DEFLATE compression streams (raw, zlib or gzip format) over another stream."""

from typing import Any, Final, Optional, Union

AUTO: Final[int]
"""Format: detect zlib or gzip from the header (decompression only)."""
RAW: Final[int]
"""Format: bare DEFLATE data, no header."""
ZLIB: Final[int]
"""Format: zlib header and checksum."""
GZIP: Final[int]
"""Format: gzip header and checksum."""

class DeflateIO:
    """Wraps a byte stream: `read` decompresses from it, `write` compresses into it (compression where enabled)."""
    def __init__(self, stream: Any, format: int = ..., wbits: int = 0, close: bool = False, /) -> None:
        """Wrap `stream` in `format`; `wbits` sets the window size (2**wbits bytes; 0 = default); `close` also closes `stream`."""
    def read(self, size: int = -1, /) -> bytes:
        """Read decompressed bytes."""
    def readinto(self, buf: Union[bytearray, memoryview], nbytes: int = ..., /) -> Optional[int]:
        """Decompress into `buf`."""
    def readline(self) -> bytes:
        """Read one decompressed line."""
    def write(self, data: Union[bytes, bytearray, memoryview], /) -> int:
        """Compress and write `data`."""
    def close(self) -> None:
        """Finish the stream (writes the trailer when compressing)."""
    def __enter__(self) -> "DeflateIO": ...
    def __exit__(self, *args: Any) -> None: ...
