import socket
import ssl

s = socket.socket()
s.connect(socket.getaddrinfo("example.com", 443)[0][-1])
tls = ssl.wrap_socket(s, server_hostname="example.com")
tls.write(b"GET / HTTP/1.0\r\n\r\n")
data: bytes = tls.read(100)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.verify_mode = ssl.CERT_NONE
t2 = ctx.wrap_socket(socket.socket(), server_hostname="example.com")
t2.close()
