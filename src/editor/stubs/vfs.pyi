"""Virtual filesystem: mount block devices as FAT or littlefs (the newer home of os.mount and the Vfs classes)."""

from typing import Any, Optional
from os import VfsFat as VfsFat, VfsLfs1 as VfsLfs1, VfsLfs2 as VfsLfs2, VfsPosix as VfsPosix

def mount(fsobj: Any, mount_point: str, *, readonly: bool = False) -> None:
    """Mount a filesystem object at `mount_point`, e.g. `vfs.mount(vfs.VfsFat(sd), "/sd")`."""
def umount(mount_point: str, /) -> None:
    """Unmount the filesystem at `mount_point`."""
class AbstractBlockDev:
    """The protocol a block device offers to a filesystem: readblocks, writeblocks, ioctl."""
    def readblocks(self, block_num: int, buf: bytearray, offset: int = ..., /) -> None:
        """Fill `buf` from block `block_num` (at `offset` bytes in, for the extended protocol)."""
    def writeblocks(self, block_num: int, buf: bytes, offset: int = ..., /) -> None:
        """Write `buf` at block `block_num`."""
    def ioctl(self, op: int, arg: int, /) -> Optional[int]:
        """Control: 4 = block count, 5 = block size, 6 = erase block `arg`."""
