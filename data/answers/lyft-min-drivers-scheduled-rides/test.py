from answer import *

import random
import time


def compat(a, b, travel):
    return a[1] + travel[a[3]][b[2]] <= b[0]


def brute(rides, travel):
    """Fewest drivers: every ride picks at most one successor, each used once."""
    n, best = len(rides), len(rides)

    def rec(i, used, links):
        nonlocal best
        if i == n:
            best = min(best, n - links)
            return
        rec(i + 1, used, links)
        for j in range(n):
            if j not in used and j != i and compat(rides[i], rides[j], travel):
                rec(i + 1, used | {j}, links + 1)

    rec(0, frozenset(), 0)
    return best


def check_chains(rides, travel, k, chains):
    assert k == len(chains)
    assert sorted(i for c in chains for i in c) == list(range(len(rides)))
    for c in chains:
        for a, b in zip(c, c[1:]):
            assert compat(rides[a], rides[b], travel), (a, b)


def greedy(rides, travel, pick):
    drivers = []
    for i in sorted(range(len(rides)), key=lambda i: rides[i][0]):
        cands = [k for k, last in enumerate(drivers) if compat(rides[last], rides[i], travel)]
        if not cands:
            drivers.append(i)
        else:
            drivers[pick(cands, drivers, rides, travel, i)] = i
    return len(drivers)


travel2 = [[0, 40], [40, 0]]
ex = [(0, 45, 1, 0), (10, 50, 1, 0), (60, 100, 0, 1), (90, 120, 1, 1), (95, 140, 0, 1)]
k, chains = min_drivers(ex, travel2)
assert k == 3 == brute(ex, travel2)
check_chains(ex, travel2, k, chains)
assert min_drivers([], travel2) == (0, [])
try:
    min_drivers([(5, 5, 0, 0)], travel2)
except ValueError:
    pass
else:
    raise AssertionError("zero-length ride accepted")

# Greedy rules fail on these (found by random search); matching gets the optimum.
first_fit = lambda c, d, r, t, i: c[0]
closest = lambda c, d, r, t, i: min(c, key=lambda k: t[r[d[k]][3]][r[i][2]])
latest_free = lambda c, d, r, t, i: max(c, key=lambda k: r[d[k]][1] + t[r[d[k]][3]][r[i][2]])
cases = [
    (first_fit, [(11, 41, 0, 1), (65, 81, 2, 1), (63, 95, 0, 1), (26, 56, 2, 0), (39, 72, 1, 2)],
     [[0, 23, 18], [13, 0, 19], [23, 11, 0]]),
    (closest, [(79, 103, 0, 2), (37, 73, 1, 0), (82, 111, 2, 1), (48, 85, 2, 1), (28, 45, 1, 0)],
     [[0, 34, 29], [10, 0, 6], [9, 24, 0]]),
    (latest_free, [(39, 66, 0, 1), (6, 23, 2, 0), (10, 23, 0, 2), (94, 111, 2, 0), (58, 98, 1, 2)],
     [[0, 38, 17], [15, 0, 12], [6, 34, 0]]),
]
for pick, rides, travel in cases:
    k, chains = min_drivers(rides, travel)
    assert k == brute(rides, travel) < greedy(rides, travel, pick)
    check_chains(rides, travel, k, chains)

# Randomised comparison with brute force.
rng = random.Random(2)
for trial in range(400):
    z = rng.randint(1, 3)
    travel = [[0 if a == b else rng.randint(5, 40) for b in range(z)] for a in range(z)]
    rides = []
    for _ in range(rng.randint(1, 7)):
        s = rng.randint(0, 150)
        rides.append((s, s + rng.randint(1, 40), rng.randrange(z), rng.randrange(z)))
    k, chains = min_drivers(rides, travel)
    assert k == brute(rides, travel), (trial, rides, travel)
    check_chains(rides, travel, k, chains)

# Without travel time the answer is the classic maximum overlap (meeting rooms).
for trial in range(100):
    rides = []
    for _ in range(rng.randint(1, 60)):
        s = rng.randint(0, 500)
        rides.append((s, s + rng.randint(1, 60), 0, 0))
    events = sorted([(s, 1) for s, _, _, _ in rides] + [(e, -1) for _, e, _, _ in rides],
                    key=lambda x: (x[0], x[1]))
    cur = peak = 0
    for _, d in events:
        cur += d
        peak = max(peak, cur)
    assert min_drivers(rides, [[0]])[0] == peak

# 500 rides in a dense day finish quickly.
z = 6
travel = [[0 if a == b else rng.randint(10, 50) for b in range(z)] for a in range(z)]
rides = []
for _ in range(500):
    s = rng.randint(0, 1200)
    rides.append((s, s + rng.randint(15, 60), rng.randrange(z), rng.randrange(z)))
t0 = time.time()
k, chains = min_drivers(rides, travel)
check_chains(rides, travel, k, chains)
assert time.time() - t0 < 30
print("ok")
