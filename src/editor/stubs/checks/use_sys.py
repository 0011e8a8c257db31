import sys

name: str = sys.implementation.name
major = sys.implementation.version[0]
if sys.platform == "esp32" and sys.byteorder == "little":
    sys.path.append("/lib")
sys.stdout.write("hi\n")
sys.stdout.buffer.write(b"raw")
data = sys.stdin.read(1)
try:
    pass
except Exception as e:
    sys.print_exception(e)
big = sys.maxsize > 2**31
mods = list(sys.modules)
print(sys.version, sys.version_info[0], sys.argv, sys.stderr)
sys.exit(0)
