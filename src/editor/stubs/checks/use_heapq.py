import heapq

h: list[int] = []
heapq.heappush(h, 3)
heapq.heappush(h, 1)
smallest: int = heapq.heappop(h)
data = [5, 2, 8]
heapq.heapify(data)
