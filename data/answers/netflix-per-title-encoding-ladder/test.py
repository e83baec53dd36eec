from answer import *

import itertools
import random

enc = [("1080p", 3000, 90), ("720p", 1500, 80), ("480p", 750, 65), ("720p", 2500, 82), ("1080p", 1500, 70), ("360p", 300, 45), ("4k", 8000, 95)]
hull = ladder_hull(enc)
assert [e[1] for e in hull] == [300, 750, 1500, 3000, 8000], hull
assert ("720p", 2500, 82) not in hull  # below the segment 1500 -> 3000
assert ladder_hull([]) == []


def above_all(hull, pts):
    # Every input point lies on or below the piecewise-linear hull within its bitrate range.
    for _, b, q in pts:
        for a, c in zip(hull, hull[1:]):
            if a[1] <= b <= c[1]:
                y = a[2] + (c[2] - a[2]) * (b - a[1]) / (c[1] - a[1])
                assert q <= y + 1e-9
    return True


rng = random.Random(8)
for _ in range(200):
    pts = [("r", rng.randint(100, 9000), rng.randint(20, 99)) for _ in range(rng.randint(1, 25))]
    h = ladder_hull(pts)
    assert [p[1] for p in h] == sorted(p[1] for p in h)
    assert all(a[2] < b[2] for a, b in zip(h, h[1:]))  # quality rises along the ladder
    for a, b, c in zip(h, h[1:], h[2:]):
        assert cross(a, b, c) < 0  # strictly concave
    assert above_all(h, pts)
print("ok")
