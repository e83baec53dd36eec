from answer import *

import itertools
import random

roads = [(0, 1, 5, True), (1, 3, 5, True), (0, 2, 20, False), (2, 3, 20, False), (0, 3, 35, True)]
assert fastest(4, roads, 0, 3, 2) == 10
assert fastest(4, roads, 0, 3, 1) == 35
assert fastest(4, roads, 0, 3, 0) == 40
assert fastest(4, [], 0, 3, 5) == -1
assert fastest(1, [], 0, 0, 0) == 0


def brute(n, roads, s, t, k):
    # Bellman-Ford over (node, tolls used) states.
    INF = float("inf")
    best = {(s, 0): 0}
    for _ in range(n * (k + 1)):
        for u, v, w, toll in roads:
            for used in range(k + 1):
                if (u, used) in best and used + toll <= k:
                    key = (v, used + toll)
                    if best[(u, used)] + w < best.get(key, INF):
                        best[key] = best[(u, used)] + w
    d = min((best.get((t, used), INF) for used in range(k + 1)), default=INF)
    return -1 if d == INF else d


rng = random.Random(12)
for _ in range(150):
    n = rng.randint(2, 7)
    roads = [(rng.randrange(n), rng.randrange(n), rng.randint(1, 9), rng.random() < 0.4) for _ in range(rng.randint(0, 15))]
    k = rng.randint(0, 3)
    s, t = rng.randrange(n), rng.randrange(n)
    assert fastest(n, roads, s, t, k) == brute(n, roads, s, t, k), (roads, s, t, k)
print("ok")
