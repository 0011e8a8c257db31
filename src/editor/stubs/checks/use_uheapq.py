import uheapq

h: list[int] = []
uheapq.heappush(h, 1)
