import cmath

z = cmath.sqrt(-1)
r, phi = cmath.polar(1 + 1j)
w: complex = cmath.rect(r, phi) * cmath.exp(1j * cmath.pi)
p: float = cmath.phase(-1)
