from collections import OrderedDict, deque, namedtuple

Point = namedtuple("Point", ("x", "y"))
p = Point(1, 2)
q: deque[int] = deque((), 10)
q.append(1)
q.appendleft(0)
first: int = q.popleft()
d: OrderedDict[str, int] = OrderedDict()
d["a"] = 1
