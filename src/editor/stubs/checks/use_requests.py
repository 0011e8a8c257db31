import requests

r = requests.get("http://example.com/api", headers={"Accept": "application/json"})
if r.status_code == 200:
    data = r.json()
    body: str = r.text
    raw: bytes = r.content
r.close()
p = requests.post("http://example.com", json={"a": 1})
requests.put("http://example.com", data="x").close()
requests.delete("http://example.com").close()
q = requests.request("PATCH", "http://example.com", data=b"x", timeout=5)
