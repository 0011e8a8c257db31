import os

names: list[str] = os.listdir()
for entry in os.ilistdir("/"):
    kind = entry[1]
mode = os.stat("main.py")[0]
fs = os.statvfs("/")
free = fs[0] * fs[3]
os.mkdir("data")
os.rename("data", "logs")
os.rmdir("logs")
os.chdir("/")
cwd: str = os.getcwd()
u = os.uname()
print(u.machine, u.release)
rnd: bytes = os.urandom(8)
os.sync()
os.dupterm(None)
os.mount(os.VfsFat(object()), "/sd")
os.umount("/sd")
os.VfsLfs2.mkfs(object())
os.remove("x.txt")
