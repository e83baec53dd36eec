from answer import *

import itertools
import math
import random


def brute(start, orders, travel, objective):
    stops = [("P", i) for i in range(len(orders))] + [("D", i) for i in range(len(orders))]
    best = math.inf
    for perm in itertools.permutations(stops):
        if any(perm.index(("P", i)) > perm.index(("D", i)) for i in range(len(orders))):
            continue
        pos, t, cost = start, 0, 0
        for kind, i in perm:
            nxt = orders[i][0] if kind == "P" else orders[i][1]
            t += travel(pos, nxt)
            pos = nxt
            if objective == "wait" and kind == "D":
                cost += t
        best = min(best, t if objective == "route" else cost)
    return best


def valid(path, n):
    return all(path.index(("P", i)) < path.index(("D", i)) for i in range(n)) and len(path) == 2 * n


rng = random.Random(2)
for _ in range(60):
    pts = {name: (rng.uniform(0, 10), rng.uniform(0, 10)) for name in "SABCDEFG"}
    travel = lambda a, b: math.dist(pts[a], pts[b])
    n = rng.randint(1, 3)
    names = rng.sample("ABCDEFG", 2 * n)
    orders = [(names[2 * i], names[2 * i + 1]) for i in range(n)]
    for objective in ("route", "wait"):
        cost, path = best_route("S", orders, travel, objective)
        assert valid(path, n)
        assert abs(cost - brute("S", orders, travel, objective)) < 1e-9
print("ok")
