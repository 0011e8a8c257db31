"""ESP-NOW: short connectionless messages straight between ESP32/ESP8266 boards over Wi-Fi, without an access point.

Activate a WLAN interface first (`network.WLAN(network.STA_IF).active(True)`), then `e = espnow.ESPNow(); e.active(True)`."""

from typing import Any, Callable, Final, Iterator, Optional, Union, overload
from _mpy_types import BytesLike as _Buf


MAX_DATA_LEN: Final[int]
"""Largest message in bytes (250, or 1470 with ESP-NOW v2)."""
KEY_LEN: Final[int]
"""Length of an encryption key (16 bytes)."""
ADDR_LEN: Final[int]
"""Length of a MAC address (6 bytes)."""
MAX_TOTAL_PEER_NUM: Final[int]
"""Most peers that can be registered (20)."""
MAX_ENCRYPT_PEER_NUM: Final[int]
"""Most peers with encryption (6)."""
RATE_LORA_250K: Final[int]
"""ESP32 `config(rate=...)`: long-range 250 kbit/s."""
RATE_1M: Final[int]
"""ESP32 `config(rate=...)`: 1 Mbit/s."""

class ESPNow:
    """The ESP-NOW interface (a singleton)."""
    peers_table: dict[bytes, list[int]]
    """ESP32: signal strength (RSSI) and time of the last message from each peer that sent one."""
    def __init__(self) -> None: ...
    @overload
    def active(self) -> bool:
        """Whether ESP-NOW is on."""
    @overload
    def active(self, flag: Union[bool, int], /) -> None:
        """Turn ESP-NOW on or off."""
    @overload
    def config(self, param: str, /) -> Any:
        """A setting by name: "rxbuf", "timeout_ms", "rate"."""
    @overload
    def config(self, *, rxbuf: int = ..., timeout_ms: int = ..., rate: int = ...) -> None:
        """Change settings: receive buffer size, default `recv` timeout, radio rate (ESP32)."""
    @overload
    def send(self, mac: Optional[bytes], msg: _Buf, sync: bool = True, /) -> bool:
        """Send `msg` to peer `mac` (None: every registered peer); with `sync`, wait for delivery and return whether it arrived."""
    @overload
    def send(self, msg: _Buf, /) -> bool: ...
    def recv(self, timeout_ms: Optional[int] = None, /) -> Union[list[Optional[bytes]], tuple[None, None]]:
        """Wait for a message: [mac, msg], or (None, None) on timeout (0 = do not wait, < 0 = forever)."""
    def irecv(self, timeout_ms: Optional[int] = None, /) -> Union[list[Optional[bytearray]], tuple[None, None]]:
        """Like `recv` but reuses its buffers (no allocation); copy the data before the next call."""
    def recvinto(self, data: list[Any], timeout_ms: Optional[int] = None, /) -> int:
        """Receive into a list of two bytearrays [mac, msg]; returns the message length."""
    def any(self) -> bool:
        """Whether a message is waiting."""
    def stats(self) -> tuple[int, int, int, int, int]:
        """ESP32: (sent, delivered, dropped on send, received, dropped on receive)."""
    def set_pmk(self, pmk: _Buf, /) -> None:
        """Set the primary master key used to encrypt local keys (KEY_LEN bytes)."""
    def add_peer(self, mac: bytes, lmk: Optional[_Buf] = None, channel: int = 0, ifidx: int = ..., encrypt: bool = ...) -> None:
        """Register peer `mac`; `lmk` turns on encryption with that local key."""
    def del_peer(self, mac: bytes, /) -> None:
        """Unregister a peer."""
    def get_peer(self, mac: bytes, /) -> tuple[bytes, Optional[bytes], int, int, bool]:
        """ESP32: (mac, lmk, channel, ifidx, encrypt) of a peer."""
    def peer_count(self) -> tuple[int, int]:
        """ESP32: (number of peers, number with encryption)."""
    def get_peers(self) -> tuple[tuple[bytes, Optional[bytes], int, int, bool], ...]:
        """ESP32: every registered peer, as `get_peer` describes them."""
    def mod_peer(self, mac: bytes, lmk: Optional[_Buf] = None, channel: int = ..., ifidx: int = ..., encrypt: bool = ...) -> None:
        """ESP32: change a peer's settings."""
    def irq(self, callback: Optional[Callable[["ESPNow"], Any]], /) -> None:
        """ESP32: call `callback(espnow)` when messages arrive; read them all with `irecv(0)` there."""
    def __iter__(self) -> Iterator[list[Optional[bytes]]]:
        """Loop over incoming messages forever: `for mac, msg in e:`."""
    def __next__(self) -> list[Optional[bytes]]: ...
