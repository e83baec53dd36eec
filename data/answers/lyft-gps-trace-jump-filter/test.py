from answer import *

import math
import random

kept, dist, gaps = clean_trace([(0, 0, 0), (10, 100, 0), (20, 5000, 0), (30, 300, 0), (40, 400, 0)])
assert kept == [0, 1, 3, 4] and dist == 400 and gaps == []
assert clean_trace([]) == ([], 0.0, [])
assert clean_trace([(5, 1, 1)]) == ([0], 0.0, [])
# duplicate timestamps are skipped and not counted as rejections
assert clean_trace([(0, 0, 0), (0, 10, 0), (10, 50, 0)]) == ([0, 2], 50.0, [])
# a stopped driver
assert clean_trace([(0, 3, 4), (10, 3, 4), (20, 3, 4)]) == ([0, 1, 2], 0.0, [])
# exactly max speed is allowed
assert clean_trace([(0, 0, 0), (2, 100, 0)])[0] == [0, 1]
# the first point is bad: three good points are lost, then a resync gap
bad_first = [(0, 9000, 0), (10, 0, 0), (20, 100, 0), (30, 200, 0), (40, 300, 0), (50, 400, 0)]
kept, dist, gaps = clean_trace(bad_first)
assert kept == [0, 4, 5] and gaps == [(0, 4)] and dist == 100

# Property test: a smooth trace with isolated spikes; every spike removed, every true point kept.
rng = random.Random(8)
for trial in range(300):
    pts, truth = [], []
    t, x, y = 0, 0.0, 0.0
    for i in range(rng.randint(2, 200)):
        if i > 0:
            dt = rng.randint(1, 5)
            ang = rng.random() * 2 * math.pi
            v = rng.random() * 30
            t, x, y = t + dt, x + v * dt * math.cos(ang), y + v * dt * math.sin(ang)
        pts.append((t, x, y))
        truth.append(True)
        if i > 0 and rng.random() < 0.15:   # a spike right after a good point, same second or later
            pts.append((t + rng.choice([0, 0.5]), x + rng.choice([-1, 1]) * rng.uniform(2000, 9000), y))
            truth.append(False)
            t += 1
    kept, dist, gaps = clean_trace(pts)
    assert gaps == []
    assert kept == [i for i, ok in enumerate(truth) if ok], trial
    want = sum(math.hypot(pts[b][1] - pts[a][1], pts[b][2] - pts[a][2]) for a, b in zip(kept, kept[1:]))
    assert abs(dist - want) < 1e-6

# Invariants on random noisy traces: strictly increasing times, fast pairs only across gaps.
for trial in range(300):
    pts = []
    t = 0
    for _ in range(rng.randint(0, 60)):
        t += rng.choice([0, 1, 2, 5])
        pts.append((t, rng.uniform(-500, 500), rng.uniform(-500, 500)))
    kept, dist, gaps = clean_trace(pts, max_speed=60.0, max_rejects=2)
    total = 0.0
    for a, b in zip(kept, kept[1:]):
        assert pts[b][0] > pts[a][0]
        step = math.hypot(pts[b][1] - pts[a][1], pts[b][2] - pts[a][2])
        if (a, b) in gaps:
            assert step > 60.0 * (pts[b][0] - pts[a][0])
        else:
            assert step <= 60.0 * (pts[b][0] - pts[a][0])
            total += step
    assert abs(total - dist) < 1e-6
print("ok")
