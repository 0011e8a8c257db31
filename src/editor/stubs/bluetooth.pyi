"""Bluetooth Low Energy: advertise, scan, connect, and serve or use GATT services.

Events arrive through one handler set with `BLE.irq`; its event codes (1 = central connected, ...) are usually
declared in the program with `const()`."""

from typing import Any, Callable, Final, Optional, Sequence, Union, overload
from _mpy_types import Buffer as _Buf

FLAG_BROADCAST: Final[int]
"""Characteristic may be broadcast."""
FLAG_READ: Final[int]
"""Characteristic can be read."""
FLAG_WRITE_NO_RESPONSE: Final[int]
"""Characteristic can be written without acknowledgement."""
FLAG_WRITE: Final[int]
"""Characteristic can be written."""
FLAG_NOTIFY: Final[int]
"""Characteristic can notify subscribers."""
FLAG_INDICATE: Final[int]
"""Characteristic can indicate (acknowledged notify)."""
FLAG_AUTHENTICATED_SIGNED_WRITE: Final[int]
"""Characteristic accepts signed writes."""
FLAG_AUX_WRITE: Final[int]
"""Characteristic supports auxiliary writes."""
FLAG_READ_ENCRYPTED: Final[int]
"""Reading needs an encrypted link."""
FLAG_READ_AUTHENTICATED: Final[int]
"""Reading needs an authenticated link."""
FLAG_READ_AUTHORIZED: Final[int]
"""Reading needs authorisation."""
FLAG_WRITE_ENCRYPTED: Final[int]
"""Writing needs an encrypted link."""
FLAG_WRITE_AUTHENTICATED: Final[int]
"""Writing needs an authenticated link."""
FLAG_WRITE_AUTHORIZED: Final[int]
"""Writing needs authorisation."""


class UUID:
    """A Bluetooth UUID: a 16-bit number (`UUID(0x180F)`) or a 128-bit string ("6E400001-B5A3-...")."""
    def __init__(self, value: Union[int, str, _Buf], /) -> None:
        """Make a UUID from an int, a string or 16 raw bytes."""

class BLE:
    """The Bluetooth radio (a singleton): `ble = bluetooth.BLE(); ble.active(True)`."""
    def __init__(self) -> None: ...
    @overload
    def active(self) -> bool:
        """Whether the radio is on."""
    @overload
    def active(self, active: Union[bool, int], /) -> None:
        """Turn the radio on or off (must be on before anything else)."""
    @overload
    def config(self, param: str, /) -> Any:
        """A setting by name: "mac", "gap_name", "mtu", "addr_mode", "rxbuf", "bond", ..."""
    @overload
    def config(self, **kwargs: Any) -> None:
        """Change settings, e.g. `config(gap_name="mote", mtu=256)`."""
    def irq(self, handler: Callable[[int, Any], Any], /) -> None:
        """Set the event handler `handler(event, data)` for every BLE event."""
    def gap_advertise(self, interval_us: Optional[int], adv_data: Optional[_Buf] = None, *, resp_data: Optional[_Buf] = None, connectable: bool = True) -> None:
        """Advertise every `interval_us` microseconds (None stops) with the given payloads."""
    def gap_scan(self, duration_ms: Optional[int], interval_us: int = 1_280_000, window_us: int = 11_250, active: bool = False, /) -> None:
        """Scan for advertisers for `duration_ms` (0 = forever, None stops); results arrive as scan-result events."""
    def gap_connect(self, addr_type: int, addr: _Buf, scan_duration_ms: int = 2000, /) -> None:
        """Connect to a peripheral (central role)."""
    def gap_disconnect(self, conn_handle: int, /) -> bool:
        """Close a connection."""
    def gap_pair(self, conn_handle: int, /) -> None:
        """Start pairing/bonding."""
    def gap_passkey(self, conn_handle: int, action: int, passkey: int, /) -> None:
        """Answer a passkey request during pairing."""
    def gatts_register_services(self, services_definition: Sequence[Any], /) -> tuple[tuple[int, ...], ...]:
        """Declare services as (UUID, ((UUID, flags), ...)) and get the value handles of their characteristics."""
    def gatts_read(self, value_handle: int, /) -> bytes:
        """The local value of a characteristic."""
    def gatts_write(self, value_handle: int, data: _Buf, send_update: bool = False, /) -> None:
        """Set the local value (and notify subscribers when `send_update`)."""
    def gatts_notify(self, conn_handle: int, value_handle: int, data: Optional[_Buf] = None, /) -> None:
        """Send a notification to one connected central."""
    def gatts_indicate(self, conn_handle: int, value_handle: int, data: Optional[_Buf] = None, /) -> None:
        """Send an indication (acknowledged) to one connected central."""
    def gatts_set_buffer(self, value_handle: int, len: int, append: bool = False, /) -> None:
        """Size of the buffer for incoming writes."""
    def gattc_discover_services(self, conn_handle: int, uuid: Optional[UUID] = None, /) -> None:
        """Ask a connected peripheral for its services (results arrive as events)."""
    def gattc_discover_characteristics(self, conn_handle: int, start_handle: int, end_handle: int, uuid: Optional[UUID] = None, /) -> None:
        """Ask for the characteristics in a handle range."""
    def gattc_discover_descriptors(self, conn_handle: int, start_handle: int, end_handle: int, /) -> None:
        """Ask for the descriptors in a handle range."""
    def gattc_read(self, conn_handle: int, value_handle: int, /) -> None:
        """Read a remote characteristic (the value arrives as an event)."""
    def gattc_write(self, conn_handle: int, value_handle: int, data: _Buf, mode: int = 0, /) -> None:
        """Write a remote characteristic (mode 1 waits for acknowledgement)."""
    def gattc_exchange_mtu(self, conn_handle: int, /) -> None:
        """Negotiate the MTU set with `config(mtu=...)`."""
    def l2cap_listen(self, psm: int, mtu: int, /) -> None:
        """Accept L2CAP channels on `psm`."""
    def l2cap_connect(self, conn_handle: int, psm: int, mtu: int, /) -> None:
        """Open an L2CAP channel."""
    def l2cap_disconnect(self, conn_handle: int, cid: int, /) -> None:
        """Close an L2CAP channel."""
    def l2cap_send(self, conn_handle: int, cid: int, buf: _Buf, /) -> bool:
        """Send on an L2CAP channel."""
    def l2cap_recvinto(self, conn_handle: int, cid: int, buf: Optional[Union[bytearray, memoryview]], /) -> int:
        """Receive from an L2CAP channel."""
