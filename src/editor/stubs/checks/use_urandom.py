import urandom

n: int = urandom.randint(1, 6)
