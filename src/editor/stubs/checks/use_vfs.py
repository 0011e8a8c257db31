import machine
import vfs

sd = machine.SDCard(slot=2)
vfs.mount(vfs.VfsFat(sd), "/sd")
vfs.umount("/sd")
vfs.VfsLfs2.mkfs(sd)
