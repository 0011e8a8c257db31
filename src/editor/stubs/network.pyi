"""Networking hardware: Wi-Fi (WLAN) and wired Ethernet (LAN) interfaces, and host-wide settings.

After an interface is up, use `socket`, `requests` or `asyncio` streams to talk over it."""

from typing import Any, Final, Optional, Union, overload

STA_IF: Final[int]
"""Station interface: join an existing Wi-Fi access point."""
AP_IF: Final[int]
"""Access-point interface: make the board a Wi-Fi hotspot."""
STAT_IDLE: Final[int]
"""Status: not connecting and not connected."""
STAT_CONNECTING: Final[int]
"""Status: connection in progress."""
STAT_WRONG_PASSWORD: Final[int]
"""Status: the password was refused."""
STAT_NO_AP_FOUND: Final[int]
"""Status: no access point with that SSID answered."""
STAT_CONNECT_FAIL: Final[int]
"""Status: failed for another reason."""
STAT_GOT_IP: Final[int]
"""Status: connected and given an IP address."""
MODE_11B: Final[int]
"""ESP: 802.11b."""
MODE_11G: Final[int]
"""ESP: 802.11g."""
MODE_11N: Final[int]
"""ESP: 802.11n."""
AUTH_OPEN: Final[int]
"""Security: none."""
AUTH_WEP: Final[int]
"""Security: WEP."""
AUTH_WPA_PSK: Final[int]
"""Security: WPA-PSK."""
AUTH_WPA2_PSK: Final[int]
"""Security: WPA2-PSK."""
AUTH_WPA_WPA2_PSK: Final[int]
"""Security: WPA/WPA2-PSK."""

class WLAN:
    """A Wi-Fi interface (ESP32, ESP8266, Pico W, ...).

    Typical use: `w = network.WLAN(network.STA_IF); w.active(True); w.connect(ssid, key)`, then wait for `w.isconnected()`."""
    IF_STA: Final[int]
    """Station interface (same as network.STA_IF)."""
    IF_AP: Final[int]
    """Access-point interface (same as network.AP_IF)."""
    PM_NONE: Final[int]
    """Power management off: fastest response."""
    PM_PERFORMANCE: Final[int]
    """Power management balanced toward performance."""
    PM_POWERSAVE: Final[int]
    """Power management saving the most power."""
    def __init__(self, interface_id: int = ..., /) -> None:
        """The Wi-Fi interface `interface_id`: network.STA_IF (default) or network.AP_IF."""
    @overload
    def active(self) -> bool:
        """Whether the interface is switched on."""
    @overload
    def active(self, is_active: Union[bool, int], /) -> None:
        """Switch the interface on or off."""
    def connect(self, ssid: Optional[str] = None, key: Optional[str] = None, *, bssid: Optional[bytes] = None) -> None:
        """Start joining the access point `ssid` with password `key`; returns at once, poll `isconnected()`."""
    def disconnect(self) -> None:
        """Leave the current access point."""
    def scan(self) -> list[tuple[bytes, bytes, int, int, int, int]]:
        """Nearby access points as (ssid, bssid, channel, RSSI, security, hidden) tuples."""
    @overload
    def status(self) -> int:
        """The connection status: one of network.STAT_*."""
    @overload
    def status(self, param: str, /) -> Any:
        """A status value by name, e.g. "rssi" (signal strength) or "stations" (AP mode)."""
    def isconnected(self) -> bool:
        """True once connected (STA) or when a station is connected (AP)."""
    @overload
    def ifconfig(self) -> tuple[str, str, str, str]:
        """Older API: (ip, subnet, gateway, dns)."""
    @overload
    def ifconfig(self, config: Union[str, tuple[str, str, str, str]], /) -> None:
        """Older API: set a static (ip, subnet, gateway, dns), or "dhcp"."""
    @overload
    def ipconfig(self, param: str, /) -> Any:
        """An IP setting by name: "addr4", "addr6", "gw4", "dhcp4", "has_dhcp4", ..."""
    @overload
    def ipconfig(self, **kwargs: Any) -> None:
        """Set IP settings, e.g. `ipconfig(addr4="192.168.1.5/24", gw4="192.168.1.1")` or `dhcp4=True`."""
    @overload
    def config(self, param: str, /) -> Any:
        """A setting by name: "mac", "ssid", "channel", "hidden", "security", "key", "hostname", "txpower", "pm", ..."""
    @overload
    def config(self, **kwargs: Any) -> None:
        """Change settings, e.g. `config(ssid="board", key="secret")` for an AP or `config(pm=WLAN.PM_NONE)`."""

class LAN:
    """Wired Ethernet (ESP32 with a PHY, some STM32 and mimxrt boards)."""
    def __init__(self, id: int = 0, *, phy_type: int = ..., phy_addr: int = ..., ref_clk_mode: int = ..., ref_clk: Any = ..., mdc: Any = ..., mdio: Any = ..., power: Any = ...) -> None:
        """The Ethernet interface; pins and PHY settings are port-specific."""
    @overload
    def active(self) -> bool:
        """Whether the interface is on."""
    @overload
    def active(self, state: Union[bool, int], /) -> None:
        """Switch the interface on or off."""
    def isconnected(self) -> bool:
        """True when the link is up and an address is assigned."""
    def status(self) -> int:
        """The link status."""
    @overload
    def ifconfig(self) -> tuple[str, str, str, str]:
        """Older API: (ip, subnet, gateway, dns)."""
    @overload
    def ifconfig(self, config: Union[str, tuple[str, str, str, str]], /) -> None:
        """Older API: set a static config, or "dhcp"."""
    @overload
    def ipconfig(self, param: str, /) -> Any:
        """An IP setting by name."""
    @overload
    def ipconfig(self, **kwargs: Any) -> None:
        """Set IP settings."""
    @overload
    def config(self, param: str, /) -> Any:
        """A setting by name, e.g. "mac"."""
    @overload
    def config(self, **kwargs: Any) -> None:
        """Change settings."""

@overload
def phy_mode() -> int:
    """ESP8266: the Wi-Fi physical mode (network.MODE_11B/G/N)."""
@overload
def phy_mode(mode: int, /) -> None:
    """ESP8266: set the Wi-Fi physical mode."""
@overload
def hostname() -> str:
    """The board's host name (used by DHCP and mDNS)."""
@overload
def hostname(name: str, /) -> None:
    """Set the host name; do it before activating interfaces."""
@overload
def country() -> str:
    """The Wi-Fi regulatory country code."""
@overload
def country(code: str, /) -> None:
    """Set the two-letter Wi-Fi country code, e.g. "GB"."""
@overload
def ipconfig(param: str, /) -> Any:
    """A host-wide IP setting by name, e.g. "dns" or "prefer"."""
@overload
def ipconfig(**kwargs: Any) -> None:
    """Set host-wide IP settings, e.g. `ipconfig(dns="8.8.8.8")`."""
