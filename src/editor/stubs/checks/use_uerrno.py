import uerrno

code: int = uerrno.ENOENT
