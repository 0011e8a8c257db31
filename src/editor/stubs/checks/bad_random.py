import random

random.randint(6)  # error: Expected 1 more positional argument
random.shuffle([1, 2])  # error: "shuffle" is not a known member of module
