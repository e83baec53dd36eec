from answer import *

import itertools
import math

import numpy as np


def naive_lloyd(points, centres, iters=300):
    """Reference in plain Python: same update rule, no empty clusters in the cases used."""
    centres = [list(c) for c in centres]
    for _ in range(iters):
        groups = [[] for _ in centres]
        for p in points:
            best = min(range(len(centres)),
                       key=lambda j: ((p[0] - centres[j][0]) ** 2 + (p[1] - centres[j][1]) ** 2, j))
            groups[best].append(p)
        new = [[sum(q[0] for q in g) / len(g), sum(q[1] for q in g) / len(g)] if g else c
               for g, c in zip(groups, centres)]
        if new == centres:
            break
        centres = new
    return centres


def brute_inertia(points, k):
    """Optimal inertia by trying every assignment of points to k labels."""
    best = math.inf
    for labels in itertools.product(range(k), repeat=len(points)):
        total = 0.0
        for j in range(k):
            g = [p for p, l in zip(points, labels) if l == j]
            if g:
                m = np.mean(g, axis=0)
                total += ((np.array(g) - m) ** 2).sum()
        best = min(best, total)
    return best


rng = np.random.default_rng(1)

# 1. Same fixed point as a plain-Python Lloyd from the same seeds.
for trial in range(30):
    X = rng.normal(size=(60, 2)) * 3
    C0 = kmeans_pp(X, 4, np.random.default_rng(trial))
    C, labels, inertia = lloyd(X, C0)
    ref = np.array(naive_lloyd(X.tolist(), C0.tolist()))
    assert np.allclose(np.sort(C, axis=0), np.sort(ref, axis=0), atol=1e-9), trial
    # converged: labels are nearest centres, centres are member means
    assert (sq_dists(X, C).argmin(axis=1) == labels).all()
    for j in range(4):
        if (labels == j).any():
            assert np.allclose(C[j], X[labels == j].mean(axis=0))
    assert abs(inertia - sq_dists(X, C).min(axis=1).sum()) < 1e-9

# 2. Well separated blobs are recovered.
true = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0], [10.0, 10.0]])
X = np.vstack([t + rng.normal(scale=0.5, size=(500, 2)) for t in true])
C, labels, inertia = kmeans(X, 4)
for t in true:
    assert np.min(np.linalg.norm(C - t, axis=1)) < 0.1
assert len(set(labels.tolist())) == 4

# 3. Tiny problems: restarts reach the brute-force optimum on separated data, and never beat it.
for trial in range(15):
    pts = np.vstack([rng.normal(c, 0.3, size=(3, 2)) for c in ([0, 0], [6, 0], [0, 6])])[: 8]
    opt = brute_inertia(pts.tolist(), 3)
    got = kmeans(pts, 3, n_init=10, seed=trial)[2]
    assert got >= opt - 1e-9
    assert abs(got - opt) < 1e-9, (trial, got, opt)

# 4. Edge cases: k = n, duplicates with k above the number of distinct points, k = 1, bad k.
pts = rng.normal(size=(6, 2))
assert kmeans(pts, 6)[2] < 1e-12
dup = np.array([[1.0, 1.0]] * 5 + [[2.0, 2.0]] * 5)
C, labels, inertia = kmeans(dup, 3)
assert inertia < 1e-12 and np.isfinite(C).all()
C, labels, inertia = kmeans(pts, 1)
assert np.allclose(C[0], pts.mean(axis=0)) and (labels == 0).all()
for bad in (0, 7):
    try:
        kmeans(pts, bad)
    except ValueError:
        pass
    else:
        raise AssertionError("bad k accepted")

# 5. Empty cluster: a centre far from all points gets moved to the worst-served point.
X = np.array([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0], [5.1, 5.0]])
C, labels, inertia = lloyd(X, np.array([[0.0, 0.0], [5.0, 5.0], [100.0, 100.0]]))
assert len(set(labels.tolist())) == 3 and np.isfinite(C).all()

# 6. The projection: equirectangular km agree with haversine over a city.
def haversine(a, b):
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dl = math.radians(b[1] - a[1])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))

pts = np.column_stack([37.70 + rng.random(200) * 0.12, -122.51 + rng.random(200) * 0.15])
km = to_km(pts)
for i in range(0, 200, 2):
    d = np.linalg.norm(km[i] - km[i + 1])
    h = haversine(pts[i], pts[i + 1])
    assert abs(d - h) <= 0.005 * h + 1e-3, (d, h)
assert round(111.32 * math.cos(math.radians(37.8))) == 88
assert round(1 / math.cos(math.radians(37.8)), 2) == 1.27
print("ok")
