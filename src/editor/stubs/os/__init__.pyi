"""Basic operating-system services: files, folders, filesystem mounting, random bytes."""

from abc import abstractmethod
from typing import Any, AnyStr, Final, Iterator, Optional, Protocol, TypeVar, Union, overload
from _mpy_types import AnyStrCo as _AnyStr_co, UnameResult as _UnameResult


class PathLike(Protocol[_AnyStr_co]):
    """Typing helper shared with the builtins; MicroPython has no `os.PathLike` itself."""
    @abstractmethod
    def __fspath__(self) -> _AnyStr_co: ...

sep: Final[str]
"""Path separator: "/"."""

def uname() -> _UnameResult:
    """Information about the board and firmware: sysname, nodename, release, version, machine."""
def urandom(n: int, /) -> bytes:
    """`n` random bytes, from the hardware generator where the chip has one."""
def chdir(path: str, /) -> None:
    """Change the current folder."""
def getcwd() -> str:
    """The current folder."""
@overload
def ilistdir(dir: str = ..., /) -> Iterator[tuple[str, int, int]]:
    """Iterate over a folder: (name, type, inode[, size]) tuples; type 0x4000 is a folder, 0x8000 a file."""
@overload
def ilistdir(dir: bytes, /) -> Iterator[tuple[bytes, int, int]]: ...
@overload
def listdir(dir: str = ..., /) -> list[str]:
    """Names in a folder (the current one by default)."""
@overload
def listdir(dir: bytes, /) -> list[bytes]: ...
def mkdir(path: str, /) -> None:
    """Create a folder."""
def remove(path: str, /) -> None:
    """Delete a file."""
def rmdir(path: str, /) -> None:
    """Delete an empty folder."""
def rename(old_path: str, new_path: str, /) -> None:
    """Rename or move a file or folder."""
def stat(path: str, /) -> tuple[int, int, int, int, int, int, int, int, int, int]:
    """Status of a file or folder: index 0 is the mode (0x4000 folder, 0x8000 file), 6 the size, 8 the mtime."""
def statvfs(path: str, /) -> tuple[int, int, int, int, int, int, int, int, int, int]:
    """Filesystem figures: f_bsize, f_frsize, f_blocks, f_bfree, f_bavail, ...; free bytes = [0] * [3]."""
def sync() -> None:
    """Flush every filesystem's pending writes."""
def dupterm(stream_object: Optional[Any], index: int = 0, /) -> Optional[Any]:
    """Mirror the REPL onto a stream (e.g. a UART or WebREPL); None detaches; returns the previous one."""
def dupterm_notify(obj_in: Any, /) -> None:
    """Tell the REPL that the duplicated stream has data."""
def mount(fsobj: Any, mount_point: str, *, readonly: bool = False) -> None:
    """Mount a filesystem object (VfsFat, VfsLfs2, ...) at `mount_point`, e.g. "/sd"."""
def umount(mount_point: str, /) -> None:
    """Unmount the filesystem at `mount_point`."""

class VfsFat:
    """A FAT filesystem on a block device (SD cards, some internal flash)."""
    def __init__(self, block_dev: Any, /) -> None:
        """Wrap `block_dev` (an object with readblocks/writeblocks/ioctl) as FAT."""
    @staticmethod
    def mkfs(block_dev: Any, /) -> None:
        """Format `block_dev` as FAT (erases it)."""

class VfsLfs1:
    """A littlefs v1 filesystem on a block device."""
    def __init__(self, block_dev: Any, readsize: int = 32, progsize: int = 32, lookahead: int = 32) -> None: ...
    @staticmethod
    def mkfs(block_dev: Any, readsize: int = 32, progsize: int = 32, lookahead: int = 32) -> None:
        """Format `block_dev` as littlefs v1 (erases it)."""

class VfsLfs2:
    """A littlefs v2 filesystem on a block device: power-loss safe, the default on ESP32, RP2 and others."""
    def __init__(self, block_dev: Any, readsize: int = 32, progsize: int = 32, lookahead: int = 32, mtime: bool = True) -> None:
        """Wrap `block_dev` as littlefs v2; `mtime` keeps file modification times."""
    @staticmethod
    def mkfs(block_dev: Any, readsize: int = 32, progsize: int = 32, lookahead: int = 32) -> None:
        """Format `block_dev` as littlefs v2 (erases it)."""

class VfsPosix:
    """The host's own filesystem (unix port only)."""
    def __init__(self, root: Optional[str] = None) -> None: ...
