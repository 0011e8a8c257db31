/**
 * Python source of the virtual board's `socket` module (and `usocket`), written to /tmp/mote at boot like `machine`.
 * TCP client sockets over the JS hooks in workerNet.ts; bytes move through the slot's device file. Behaviour follows
 * a MicroPython board's socket: recv() returns what has arrived, read(n)/readinto() wait for all n bytes (fewer at
 * the end of the stream), a non-blocking read() with nothing waiting returns None and recv() raises EAGAIN, a timeout
 * raises ETIMEDOUT, makefile() returns the socket itself. Constants are the ESP32 port's.
 */
export const SOCKET_SOURCE = String.raw`
import js, errno

AF_INET = 2
AF_INET6 = 10
SOCK_STREAM = 1
SOCK_DGRAM = 2
SOCK_RAW = 3
IPPROTO_IP = 0
IPPROTO_TCP = 6
IPPROTO_UDP = 17
SOL_SOCKET = 4095
SO_REUSEADDR = 4
SO_KEEPALIVE = 8
SO_BROADCAST = 32
TCP_NODELAY = 1
IP_ADD_MEMBERSHIP = 1024

_WOULD_BLOCK = -1
_INTERRUPTED = -2


def getaddrinfo(host, port, af=0, type=0, proto=0, flags=0):
    # Names are resolved by Mote's server when the socket connects, and checked there on the resolved address.
    if isinstance(host, bytes):
        host = str(host, 'utf-8')
    return [(AF_INET, SOCK_STREAM, IPPROTO_TCP, '', (host, int(port)))]


def inet_pton(af, text):
    if af != AF_INET:
        raise OSError(errno.EINVAL, 'the virtual board has IPv4 only')
    parts = text.split('.')
    if len(parts) != 4:
        raise OSError(errno.EINVAL)
    return bytes(int(p) for p in parts)


def inet_ntop(af, packed):
    if af != AF_INET or len(packed) != 4:
        raise OSError(errno.EINVAL)
    return '.'.join(str(b) for b in packed)


def _view(data):
    return memoryview(data.encode() if isinstance(data, str) else data)


def _raise(slot, code):
    if code == _INTERRUPTED:
        raise KeyboardInterrupt
    why = js.moteNetReason(slot)
    if why:
        raise OSError(-code, why)
    raise OSError(-code)


class socket:
    def __init__(self, af=AF_INET, type=SOCK_STREAM, proto=0, *a):
        if type != SOCK_STREAM:
            raise OSError(errno.EOPNOTSUPP, 'the virtual board has TCP sockets only (no UDP)')
        slot = js.moteNetAlloc()
        if slot < 0:
            raise OSError(errno.ENOMEM, 'all 8 sockets of the virtual board are in use; close() the ones you are done with')
        self._slot = slot
        self._f = open('/dev/motenet%d' % slot, 'r+b')
        self._timeout = None

    def __repr__(self):
        return '<socket %d>' % self._slot

    def _live(self):
        if self._f is None:
            raise OSError(errno.EBADF)

    def _ms(self):
        t = self._timeout
        return -1 if t is None else int(t * 1000)

    def settimeout(self, t):
        if t is not None and t < 0:
            raise ValueError('timeout must be None or >= 0')
        self._timeout = t

    def gettimeout(self):
        return self._timeout

    def setblocking(self, flag):
        self._timeout = None if flag else 0

    def setsockopt(self, level, opt, value):
        # Accepted and ignored, as a board accepts the usual options; the tunnel's TCP sets its own.
        pass

    def makefile(self, mode='rb', buffering=0):
        return self

    def fileno(self):
        return -1

    def bind(self, *a):
        raise OSError(errno.EOPNOTSUPP, 'the virtual board cannot serve connections (no bind/listen/accept); it can connect out')

    listen = accept = bind

    def connect(self, addr):
        self._live()
        r = js.moteNetConnect(self._slot, str(addr[0]), int(addr[1]), self._ms())
        if r == 0:
            return
        if r == _WOULD_BLOCK:
            raise OSError(errno.ETIMEDOUT)
        if r == -errno.EINPROGRESS:
            raise OSError(errno.EINPROGRESS)
        _raise(self._slot, r)

    def _wait_read(self):
        # Bytes ready (> 0), 0 at the end of the stream, None when a non-blocking socket has nothing.
        r = js.moteNetReadable(self._slot, self._ms())
        if r >= 0:
            return r
        if r == _WOULD_BLOCK:
            if self._timeout == 0:
                return None
            raise OSError(errno.ETIMEDOUT)
        _raise(self._slot, r)

    def _wait_write(self):
        r = js.moteNetWritable(self._slot, self._ms())
        if r > 0:
            return r
        if r == _WOULD_BLOCK:
            if self._timeout == 0:
                return None
            raise OSError(errno.ETIMEDOUT)
        _raise(self._slot, r)

    def recv(self, n):
        self._live()
        if n <= 0:
            return b''
        k = self._wait_read()
        if k is None:
            raise OSError(errno.EAGAIN)
        return self._f.read(min(k, n)) if k else b''

    def read(self, n=-1):
        self._live()
        out = bytearray()
        while n is None or n < 0 or len(out) < n:
            k = self._wait_read()
            if k is None:
                if not out:
                    return None
                break
            if k == 0:
                break
            if n is not None and n >= 0:
                k = min(k, n - len(out))
            out += self._f.read(k)
        return bytes(out)

    def readinto(self, buf, nbytes=None):
        self._live()
        mv = memoryview(buf)
        want = len(mv) if nbytes is None else min(nbytes, len(mv))
        got = 0
        while got < want:
            k = self._wait_read()
            if k is None:
                if not got:
                    return None
                break
            if k == 0:
                break
            k = min(k, want - got)
            self._f.readinto(mv[got:got + k])
            got += k
        return got

    def readline(self):
        self._live()
        out = bytearray()
        while True:
            k = self._wait_read()
            if k is None:
                return bytes(out) if out else None
            if k == 0:
                return bytes(out)
            i = js.moteNetFind(self._slot, 10)
            out += self._f.read(i + 1 if i >= 0 else k)
            if i >= 0:
                return bytes(out)

    def _put(self, mv):
        k = self._wait_write()
        if k is None:
            return None
        k = min(k, len(mv))
        self._f.write(mv[:k])
        return k

    def send(self, data):
        self._live()
        mv = _view(data)
        if not len(mv):
            return 0
        k = self._put(mv)
        if k is None:
            raise OSError(errno.EAGAIN)
        return k

    def write(self, data, *a):
        # write(buf), write(buf, max_len) or write(buf, off, max_len), as a board's stream write.
        self._live()
        mv = _view(data)
        if len(a) == 1:
            mv = mv[:a[0]]
        elif len(a) == 2:
            mv = mv[a[0]:a[0] + a[1]]
        done = 0
        while done < len(mv):
            k = self._put(mv[done:])
            if k is None:
                return done or None
            done += k
        return done

    def sendall(self, data):
        self._live()
        mv = _view(data)
        done = 0
        while done < len(mv):
            k = self._put(mv[done:])
            if k is None:
                raise OSError(errno.EAGAIN)
            done += k

    def close(self):
        if self._f is None:
            return
        js.moteNetClose(self._slot)
        self._f.close()
        self._f = None

    def __del__(self):
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.close()
`;

export const USOCKET_SOURCE = "from socket import *\n";
