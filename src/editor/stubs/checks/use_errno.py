import errno

try:
    open("nope")
except OSError as e:
    if e.errno == errno.ENOENT:
        print(errno.errorcode[errno.ENOENT])
