/**
 * Python source of `requests` (and its old name `urequests`) for the virtual board: ESP32/ESP8266 firmware freeze
 * micropython-lib's modules of these names. Written for Mote with the same API: request(method, url, data=, json=,
 * headers=, auth=, timeout=, stream=, parse_headers=) and head/get/post/put/patch/delete, returning a Response with
 * status_code, reason, headers, content, text, json() and close(). HTTP/1.0 over the virtual board's socket, so
 * every connection goes through Mote's tunnel and its allowlist; redirects are followed (at most 5, http only);
 * chunked bodies are decoded. https raises OSError: there is no TLS on the virtual board.
 */
export const REQUESTS_SOURCE = String.raw`
import socket, errno
import json as _json
from binascii import b2a_base64

_NO_TLS = 'https is not on the virtual board (no TLS); use an http:// URL here, or run this on a real board'


class Response:
    def __init__(self, sock):
        self.raw = sock
        self.status_code = None
        self.reason = b''
        self.headers = {}
        self.encoding = 'utf-8'
        self._body = None
        self._length = None
        self._chunked = False

    def close(self):
        if self.raw:
            self.raw.close()
            self.raw = None

    @property
    def content(self):
        if self._body is None:
            try:
                self._body = self._read_body()
            finally:
                self.close()
        return self._body

    @property
    def text(self):
        return str(self.content, self.encoding)

    def json(self):
        return _json.loads(self.content)

    def _read_body(self):
        s = self.raw
        if s is None:
            return b''
        if self._chunked:
            out = bytearray()
            while True:
                line = s.readline()
                size = int(line.split(b';')[0].strip() or b'0', 16)
                if size == 0:
                    while s.readline() not in (b'\r\n', b'\n', b''):
                        pass
                    return bytes(out)
                out += s.read(size)
                s.readline()
        if self._length is not None:
            return s.read(self._length) if self._length else b''
        return s.read()


def _split(url):
    try:
        scheme, _, rest = url.split('/', 2)
    except ValueError:
        scheme, rest = url, ''
    if scheme == 'https:':
        raise OSError(errno.EOPNOTSUPP, _NO_TLS)
    if scheme != 'http:':
        raise ValueError('Unsupported protocol: ' + scheme)
    host, _, path = rest.partition('/')
    name, port = host, 80
    if host.startswith('['):
        name, _, tail = host[1:].partition(']')
        if tail.startswith(':'):
            port = int(tail[1:])
    elif ':' in host:
        name, p = host.rsplit(':', 1)
        port = int(p)
    return host, name, port, '/' + path


def request(method, url, data=None, json=None, headers=None, stream=None, auth=None, timeout=None, parse_headers=True):
    if headers is None:
        headers = {}
    if json is not None and data is None:
        data = _json.dumps(json)
        if not any(k.lower() == 'content-type' for k in headers):
            headers['Content-Type'] = 'application/json'
    if isinstance(data, str):
        data = data.encode()
    if auth is not None:
        token = b2a_base64(('%s:%s' % auth).encode())[:-1]
        headers['Authorization'] = 'Basic ' + str(token, 'ascii')
    for _ in range(6):
        host, name, port, path = _split(url)
        s = socket.socket()
        try:
            s.settimeout(timeout)
            s.connect(socket.getaddrinfo(name, port)[0][-1])
            head = '%s %s HTTP/1.0\r\nHost: %s\r\n' % (method, path, host)
            if not any(k.lower() == 'user-agent' for k in headers):
                head += 'User-Agent: MicroPython (Mote virtual board)\r\n'
            for k in headers:
                head += '%s: %s\r\n' % (k, headers[k])
            if data:
                head += 'Content-Length: %d\r\n' % len(data)
            s.write(head.encode() + b'\r\n')
            if data:
                s.write(data)
            status = s.readline()
            parts = status.split(None, 2)
            if len(parts) < 2 or not parts[0].startswith(b'HTTP/'):
                raise ValueError('not an HTTP response: %r' % status[:40])
            resp = Response(s)
            resp.status_code = int(parts[1])
            resp.reason = parts[2].rstrip() if len(parts) > 2 else b''
            location = None
            while True:
                line = s.readline()
                if not line or line in (b'\r\n', b'\n'):
                    break
                k, _, v = str(line, 'utf-8').partition(':')
                k = k.strip()
                v = v.strip()
                low = k.lower()
                if low == 'content-length':
                    resp._length = int(v)
                elif low == 'transfer-encoding' and 'chunked' in v.lower():
                    resp._chunked = True
                elif low == 'location':
                    location = v
                if parse_headers is True:
                    resp.headers[k] = v
                elif parse_headers:
                    parse_headers(line, resp)
            if method == 'HEAD':
                resp._length = 0
        except BaseException:
            s.close()
            raise
        if resp.status_code in (301, 302, 303, 307, 308) and location:
            resp.close()
            if location.startswith('/'):
                location = 'http://' + host + location
            url = location
            if resp.status_code == 303 or (resp.status_code in (301, 302) and method == 'POST'):
                method = 'GET'
                data = None
            continue
        return resp
    raise OSError(errno.EIO, 'too many redirects')


def head(url, **kw):
    return request('HEAD', url, **kw)


def get(url, **kw):
    return request('GET', url, **kw)


def post(url, **kw):
    return request('POST', url, **kw)


def put(url, **kw):
    return request('PUT', url, **kw)


def patch(url, **kw):
    return request('PATCH', url, **kw)


def delete(url, **kw):
    return request('DELETE', url, **kw)
`;

export const UREQUESTS_SOURCE = "from requests import *\nfrom requests import Response, request\n";
