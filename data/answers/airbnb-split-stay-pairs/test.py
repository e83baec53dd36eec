from answer import *

import itertools
import random


def brute(avail, n):
    out = set()
    for a, b in itertools.permutations(avail, 2):
        if any(all(x in avail[l] for x in range(n)) for l in (a, b)):
            continue  # a listing free for the whole trip is a normal result, not half of a split
        ks = [k for k in range(1, n) if all(x in avail[a] for x in range(k)) and all(x in avail[b] for x in range(k, n))]
        if ks:
            out.add((a, b, min(ks), max(ks)))
    return out


avail = {"A": {0, 1, 2}, "B": {2, 3, 4}, "C": {0, 1, 2, 3, 4}, "D": {3, 4}, "E": set()}
got = set(split_stays(avail, 5))
assert ("A", "B", 2, 3) in got
assert ("A", "D", 3, 3) in got
assert not any("C" in (a, b) for a, b, *_ in got)  # free the whole trip: not a split
assert got == brute(avail, 5), got

rng = random.Random(9)
for _ in range(300):
    n = rng.randint(2, 8)
    avail = {i: {x for x in range(n) if rng.random() < 0.7} for i in range(rng.randint(1, 6))}
    got = split_stays(avail, n)
    assert len(got) == len(set(got))
    assert set(got) == brute(avail, n), (avail, n)
print("ok")
