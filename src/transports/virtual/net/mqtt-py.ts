/**
 * Python source of `umqtt.simple` for the virtual board: ESP32 and ESP8266 firmware freeze micropython-lib's module of
 * that name, so the virtual board has it built in too. Written for Mote with the same API (MQTTClient, MQTTException,
 * connect / publish / subscribe / set_callback / set_last_will / wait_msg / check_msg / ping / disconnect), MQTT
 * 3.1.1, QoS 0 and 1. Each packet is read whole (fixed header, remaining length, body) and then dispatched; a PUBLISH
 * that arrives while publish() waits for its PUBACK, or subscribe() for its SUBACK, still reaches the callback.
 */
export const UMQTT_SIMPLE_SOURCE = String.raw`
import socket, struct, errno


class MQTTException(Exception):
    pass


def _b(x):
    return x.encode() if isinstance(x, str) else bytes(x)


def _field(x):
    x = _b(x)
    return struct.pack('!H', len(x)) + x


def _packet(first, body):
    n = len(body)
    out = bytearray([first])
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | 0x80 if n else byte)
        if not n:
            break
    return out + body


class MQTTClient:
    def __init__(self, client_id, server, port=0, user=None, password=None, keepalive=0, ssl=None, ssl_params={}):
        if port == 0:
            port = 8883 if ssl else 1883
        self.client_id = client_id
        self.server = server
        self.port = port
        self.user = user
        self.pswd = password
        self.keepalive = keepalive
        self.ssl = ssl
        self.sock = None
        self.pid = 0
        self.cb = None
        self._will = None

    def set_callback(self, f):
        self.cb = f

    def set_last_will(self, topic, msg, retain=False, qos=0):
        if not topic or not 0 <= qos <= 2:
            raise ValueError('last will needs a topic and qos 0..2')
        self._will = (topic, msg, retain, qos)

    def _send(self, first, body=b''):
        self.sock.write(_packet(first, body))

    def _read_exact(self, n):
        data = self.sock.read(n) if n else b''
        if data is None or len(data) < n:
            raise OSError(-1)
        return data

    def _read_packet(self):
        # (first byte, body), or None when a non-blocking socket has nothing waiting.
        head = self.sock.read(1)
        self.sock.setblocking(True)
        if head is None:
            return None
        if head == b'':
            raise OSError(-1)
        size = 0
        shift = 0
        while True:
            b = self._read_exact(1)[0]
            size |= (b & 0x7F) << shift
            if not b & 0x80:
                break
            shift += 7
            if shift > 21:
                raise MQTTException('bad remaining length from the broker')
        return head[0], self._read_exact(size)

    def connect(self, clean_session=True, timeout=None):
        if self.ssl:
            raise OSError(errno.EOPNOTSUPP, 'MQTT over TLS is not on the virtual board; connect to port 1883 without ssl')
        if self.keepalive >= 65536:
            raise ValueError('keepalive must be below 65536')
        s = socket.socket()
        s.settimeout(timeout)
        try:
            s.connect(socket.getaddrinfo(self.server, self.port)[0][-1])
        except BaseException:
            s.close()
            raise
        self.sock = s
        flags = 0x02 if clean_session else 0
        payload = _field(self.client_id)
        if self._will:
            topic, msg, retain, qos = self._will
            flags |= 0x04 | qos << 3 | (0x20 if retain else 0)
            payload += _field(topic) + _field(msg)
        if self.user:
            flags |= 0x80
            payload += _field(self.user)
            if self.pswd is not None:
                flags |= 0x40
                payload += _field(self.pswd)
        self._send(0x10, b'\x00\x04MQTT\x04' + bytes([flags]) + struct.pack('!H', self.keepalive) + payload)
        got = self._read_packet()
        if got[0] != 0x20 or len(got[1]) != 2:
            raise MQTTException('the server did not answer CONNECT with CONNACK')
        s.settimeout(None)
        if got[1][1]:
            raise MQTTException(got[1][1])
        return got[1][0] & 1

    def disconnect(self):
        try:
            self._send(0xE0)
        finally:
            self.sock.close()
            self.sock = None

    def ping(self):
        self._send(0xC0)

    def _next_pid(self):
        self.pid = self.pid % 65535 + 1
        return self.pid

    def publish(self, topic, msg, retain=False, qos=0):
        if qos not in (0, 1):
            raise ValueError('umqtt.simple publishes with qos 0 or 1')
        body = _field(topic)
        pid = 0
        if qos:
            pid = self._next_pid()
            body += struct.pack('!H', pid)
        self._send(0x30 | qos << 1 | (1 if retain else 0), body + _b(msg))
        if qos:
            self._await(0x40, pid)

    def subscribe(self, topic, qos=0):
        if self.cb is None:
            raise MQTTException('set_callback() before subscribe()')
        pid = self._next_pid()
        self._send(0x82, struct.pack('!H', pid) + _field(topic) + bytes([qos]))
        body = self._await(0x90, pid)
        if body[2] == 0x80:
            raise MQTTException(0x80)

    def _await(self, kind, pid):
        # Handle packets until the acknowledgement of type kind for pid arrives; returns its body.
        while True:
            got = self._read_packet()
            if got[0] & 0xF0 == kind and len(got[1]) >= 2 and struct.unpack('!H', got[1][:2])[0] == pid:
                return got[1]
            self._handle(got)

    def _handle(self, got):
        first, body = got
        if first & 0xF0 != 0x30:
            return None if first == 0xD0 else first
        n = struct.unpack('!H', body[:2])[0]
        topic = body[2:2 + n]
        at = 2 + n
        qos = (first >> 1) & 3
        if qos:
            pid = body[at:at + 2]
            at += 2
        if self.cb:
            self.cb(topic, body[at:])
        if qos == 1:
            self._send(0x40, pid)
        elif qos == 2:
            raise MQTTException('QoS 2 messages are not supported by umqtt.simple')
        return first

    def wait_msg(self):
        got = self._read_packet()
        if got is None:
            return None
        return self._handle(got)

    def check_msg(self):
        self.sock.setblocking(False)
        return self.wait_msg()
`;

export const UMQTT_INIT_SOURCE = "";
