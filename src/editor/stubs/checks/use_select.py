import select
import socket
import sys

p = select.poll()
p.register(sys.stdin, select.POLLIN)
s = socket.socket()
p.register(s, select.POLLIN | select.POLLOUT)
for obj, event in p.poll(100):
    if event & select.POLLIN:
        pass
for obj, event in p.ipoll(0):
    pass
p.modify(s, select.POLLIN)
p.unregister(s)
r, w, x = select.select([s], [], [], 1.0)
