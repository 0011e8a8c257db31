import json

text: str = json.dumps({"a": [1, 2]})
compact = json.dumps([1], separators=(",", ":"))
obj = json.loads(text)
with open("cfg.json") as f:
    cfg = json.load(f)
with open("out.json", "w") as f:
    json.dump(cfg, f)
