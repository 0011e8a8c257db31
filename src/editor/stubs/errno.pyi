"""Error codes carried by OSError (`e.errno`)."""

from typing import Final

EPERM: Final[int]
"""Operation not permitted."""
ENOENT: Final[int]
"""No such file or folder."""
EIO: Final[int]
"""Input/output error."""
EBADF: Final[int]
"""Bad file descriptor."""
EAGAIN: Final[int]
"""Try again (non-blocking operation would block)."""
ENOMEM: Final[int]
"""Out of memory."""
EACCES: Final[int]
"""Permission denied."""
EEXIST: Final[int]
"""File exists."""
ENODEV: Final[int]
"""No such device (e.g. nothing at an I2C address)."""
EISDIR: Final[int]
"""Is a folder."""
EINVAL: Final[int]
"""Invalid argument."""
EOPNOTSUPP: Final[int]
"""Operation not supported."""
EADDRINUSE: Final[int]
"""Address already in use."""
ECONNABORTED: Final[int]
"""Connection aborted."""
ECONNRESET: Final[int]
"""Connection reset by the peer."""
ENOBUFS: Final[int]
"""No buffer space available."""
ENOTCONN: Final[int]
"""Socket not connected."""
ETIMEDOUT: Final[int]
"""Timed out (often I2C or a socket)."""
ECONNREFUSED: Final[int]
"""Connection refused."""
EHOSTUNREACH: Final[int]
"""Host unreachable."""
EALREADY: Final[int]
"""Operation already in progress."""
EINPROGRESS: Final[int]
"""Operation now in progress (non-blocking connect)."""
errorcode: dict[int, str]
"""Error names by code, e.g. `errorcode[errno.EEXIST] == "EEXIST"`."""
