"""Hash algorithms: SHA-256 everywhere; SHA-1 and MD5 on some ports."""

from typing import Optional, Union
from _mpy_types import Buffer as _Data, HashBase as _Hash


class sha256(_Hash):
    """SHA-256 (32-byte digest)."""
    def __init__(self, data: Optional[_Data] = None, /) -> None:
        """A new hasher, optionally fed `data`."""

class sha1(_Hash):
    """SHA-1 (20-byte digest). Legacy; not on every port."""
    def __init__(self, data: Optional[_Data] = None, /) -> None: ...

class md5(_Hash):
    """MD5 (16-byte digest). Legacy; not on every port."""
    def __init__(self, data: Optional[_Data] = None, /) -> None: ...
