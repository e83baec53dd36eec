from answer import *

import random
from collections import Counter

rng = random.Random(0)
assert artist_spread_shuffle([], rng) == []
assert artist_spread_shuffle([("t1", "a"), ("t2", "a")], rng) is None
assert artist_spread_shuffle([("t1", "a"), ("t2", "a"), ("t3", "b")], rng) in ([("t1", "a"), ("t3", "b"), ("t2", "a")], [("t2", "a"), ("t3", "b"), ("t1", "a")])
for trial in range(500):
    n = rng.randint(1, 20)
    tracks = [(f"t{i}", rng.choice("abcd"[: rng.randint(1, 4)])) for i in range(n)]
    out = artist_spread_shuffle(tracks, random.Random(trial))
    feasible = max(Counter(a for _, a in tracks).values()) <= (n + 1) // 2
    if not feasible:
        assert out is None
        continue
    assert out is not None and sorted(out) == sorted(tracks)
    assert all(x[1] != y[1] for x, y in zip(out, out[1:])), out
# Deterministic for a seeded rng, and not always the same order.
t = [(f"t{i}", "abc"[i % 3]) for i in range(12)]
assert artist_spread_shuffle(list(t), random.Random(1)) == artist_spread_shuffle(list(t), random.Random(1))
assert len({tuple(artist_spread_shuffle(list(t), random.Random(s))) for s in range(20)}) > 1
print("ok")
