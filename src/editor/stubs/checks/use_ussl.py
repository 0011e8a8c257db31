import ussl

ctx = ussl.SSLContext(ussl.PROTOCOL_TLS_CLIENT)
