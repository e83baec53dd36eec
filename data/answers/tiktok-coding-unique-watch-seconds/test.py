from answer import *

import random

assert watched_seconds([(0, 10), (5, 15), (30, 40), (38, 45)], 60) == (30, 0.5)
assert watched_seconds([], 60) == (0, 0.0)
assert watched_seconds([(0, 5)], 0) == (0, 0.0)
assert watched_seconds([(-10, 5), (50, 90), (20, 10), (70, 80)], 60) == (15, 0.25)  # clipped, empty, outside
assert watched_seconds([(0, 5), (5, 8)], 10) == (8, 0.8)  # touching
assert watched_seconds([(2.5, 4.0), (3.0, 6.5)], 10) == (4.0, 0.4)  # fractional seconds
rng = random.Random(7)
for _ in range(500):
    d = rng.randint(1, 40)
    segs = [(rng.randint(-5, 45), rng.randint(-5, 45)) for _ in range(rng.randint(0, 8))]
    covered = {x for s, e in segs for x in range(max(0, s), min(d, e))}
    assert watched_seconds(segs, d)[0] == len(covered), (segs, d)
print("ok")
