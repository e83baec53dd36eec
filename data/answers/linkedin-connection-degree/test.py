from answer import *

import random
from collections import deque


def undirected(edges):
    g = {}
    for x, y in edges:
        g.setdefault(x, set()).add(y)
        g.setdefault(y, set()).add(x)
    return g


def bfs_degree(g, a, b, cap=3):
    dist = {a: 0}
    q = deque([a])
    while q:
        x = q.popleft()
        if x == b:
            return dist[x] if dist[x] <= cap else None
        for y in g.get(x, ()):
            if y not in dist:
                dist[y] = dist[x] + 1
                q.append(y)
    return None


g = undirected([(1, 2), (2, 3), (3, 4), (4, 5), (1, 6), (6, 3)])
assert degree(g, 1, 1) == 0
assert degree(g, 1, 2) == 1
assert degree(g, 1, 3) == 2
assert degree(g, 1, 4) == 3
assert degree(g, 1, 5) is None  # four hops
assert degree(g, 1, 99) is None  # unknown member
assert degree({}, 1, 2) is None

# A hub with many connections on one side still gives the right answer.
hub = undirected([(0, i) for i in range(1, 5000)] + [(4999, 10000), (10000, 10001)])
assert degree(hub, 0, 10001) == 3
assert degree(hub, 1, 10000) == 3
assert degree(hub, 1, 2) == 2

# Random graphs: agrees with a one-sided BFS everywhere.
rng = random.Random(7)
for trial in range(200):
    n = rng.randint(2, 40)
    edges = [(rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(0, 60))]
    g = undirected([(x, y) for x, y in edges if x != y])
    a, b = rng.randrange(n), rng.randrange(n)
    assert degree(g, a, b) == bfs_degree(g, a, b), (edges, a, b)
print("ok")
