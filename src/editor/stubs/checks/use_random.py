import random

random.seed(42)
n: int = random.randint(1, 6)
r: float = random.random()
bits = random.getrandbits(8)
pick: str = random.choice(["a", "b"])
step = random.randrange(0, 10, 2)
u = random.uniform(0.5, 1.5)
