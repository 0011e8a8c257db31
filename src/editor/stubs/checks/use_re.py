import re

m = re.match(r"(\d+)-(\d+)", "10-20")
if m:
    a = m.group(1)
    print(m.groups(), m.span(0))
pat = re.compile("[a-z]+")
found = pat.search("42abc")
parts: list[str] = re.split(",", "a,b")
out: str = re.sub("a", "b", "banana")
