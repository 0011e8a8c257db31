"""A small MQTT client: publish and subscribe to a broker."""

from typing import Any, Callable, Optional, Union
from _mpy_types import StrOrBytes as _Bytes


class MQTTException(Exception):
    """The broker refused or the protocol failed."""

class MQTTClient:
    """A connection to an MQTT broker. `connect()`, then `publish`/`subscribe`; call `check_msg()` often to receive."""
    def __init__(
        self,
        client_id: _Bytes,
        server: str,
        port: int = 0,
        user: Optional[_Bytes] = None,
        password: Optional[_Bytes] = None,
        keepalive: int = 0,
        ssl: Any = None,
        ssl_params: dict[str, Any] = ...,
    ) -> None:
        """A client named `client_id` for broker `server` (port 0 picks 1883, or 8883 with `ssl`)."""
    def connect(self, clean_session: bool = True, timeout: Optional[float] = None) -> bool:
        """Connect to the broker; returns whether an earlier session was resumed."""
    def disconnect(self) -> None:
        """Disconnect cleanly."""
    def ping(self) -> None:
        """Send a keep-alive ping."""
    def publish(self, topic: _Bytes, msg: _Bytes, retain: bool = False, qos: int = 0) -> None:
        """Publish `msg` on `topic` (qos 0 or 1)."""
    def subscribe(self, topic: _Bytes, qos: int = 0) -> None:
        """Subscribe to `topic`; messages go to the callback from `set_callback`."""
    def set_callback(self, f: Callable[[bytes, bytes], Any]) -> None:
        """Call `f(topic, msg)` for every received message (set before subscribing)."""
    def set_last_will(self, topic: _Bytes, msg: _Bytes, retain: bool = False, qos: int = 0) -> None:
        """Message the broker publishes if this client vanishes (set before `connect`)."""
    def wait_msg(self) -> Optional[int]:
        """Wait for one message from the broker and handle it."""
    def check_msg(self, attempts: int = 2) -> Optional[int]:
        """Handle a pending message if there is one, without waiting."""
