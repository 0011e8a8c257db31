import math

r: float = math.sqrt(2) * math.pi
angle = math.degrees(math.atan2(1, 1))
c: int = math.ceil(1.2) + math.floor(2.8)
ok: bool = math.isclose(0.1 + 0.2, 0.3) and not math.isnan(math.nan)
lg = math.log(8, 2) + math.log(math.e) + math.sin(math.radians(30))
m, e = math.frexp(8.0)
