import urequests

r = urequests.get("http://example.com")
code: int = r.status_code
page: str = r.text
r.close()
urequests.post("http://example.com", data="x").close()
