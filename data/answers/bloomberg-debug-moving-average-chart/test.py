from answer import *

import random

assert moving_average([1, 2, 3, 4], 2) == [None, 1.5, 2.5, 3.5]
assert moving_average([5, 6], 1) == [5, 6]
assert moving_average([5, 6], 3) == [None, None]
assert moving_average([], 3) == []
assert moving_average([1, None, 3, 4, 5], 2) == [None, None, None, 3.5, 4.5]
try:
    moving_average([1], 0)
    raise SystemExit("accepted n = 0")
except ValueError:
    pass

r = daily_returns([100, 110, 99])
assert r[0] is None and abs(r[1] - 0.1) < 1e-12 and abs(r[2] + 0.1) < 1e-12
assert daily_returns([]) == [] and daily_returns([5]) == [None]
assert daily_returns([10, None, 12, 0, 3]) == [None, None, None, -1.0, None]

rng = random.Random(9)
for _ in range(300):
    n = rng.randint(1, 6)
    xs = [None if rng.random() < 0.1 else rng.randint(1, 500) / 4 for _ in range(rng.randint(0, 40))]
    got = moving_average(xs, n)
    for i, g in enumerate(got):
        window = xs[i - n + 1:i + 1] if i >= n - 1 else None
        if window is None or None in window:
            assert g is None
        else:
            assert abs(g - sum(window) / n) < 1e-9
print("ok")
