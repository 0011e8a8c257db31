import ujson

s: str = ujson.dumps(ujson.loads("[1]"))
