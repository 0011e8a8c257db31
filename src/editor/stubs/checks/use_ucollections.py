import ucollections

q = ucollections.deque((), 5)
P = ucollections.namedtuple("P", "x y")
