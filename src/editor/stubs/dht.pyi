"""DHT11/DHT22 temperature and humidity sensors (one data pin)."""

from typing import Any

class DHTBase:
    """Common part of the DHT drivers."""
    def __init__(self, pin: Any) -> None:
        """The sensor on `pin` (a machine.Pin)."""
    def measure(self) -> None:
        """Take a reading (at most once every 1 s for DHT11, 2 s for DHT22); OSError if the sensor does not answer."""

class DHT11(DHTBase):
    """DHT11: whole degrees C and %RH."""
    def temperature(self) -> int:
        """Temperature of the last `measure()`, in degrees C."""
    def humidity(self) -> int:
        """Relative humidity of the last `measure()`, in %."""

class DHT22(DHTBase):
    """DHT22/AM2302: tenths of degrees and %RH."""
    def temperature(self) -> float:
        """Temperature of the last `measure()`, in degrees C."""
    def humidity(self) -> float:
        """Relative humidity of the last `measure()`, in %."""
