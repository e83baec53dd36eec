from answer import *

import random

rng = random.Random(5)


def flip(h, bits):
    for b in bits:
        h ^= 1 << b
    return h


base = rng.getrandbits(64)
other = rng.getrandbits(64)
pins = [
    ("a", base),
    ("b", flip(base, [0, 20, 63])),  # 3 bits from a
    ("c", flip(base, [0, 20, 63, 40, 41])),  # 2 bits from b, 5 from a: joins through b
    ("d", other),
    ("e", flip(other, [1, 2, 3, 4])),  # 4 bits: not a duplicate
]
groups = sorted(sorted(g) for g in group_near_duplicates(pins))
assert groups == [["a", "b", "c"]], groups
assert group_near_duplicates([]) == []


def brute(pins, d):
    parent = list(range(len(pins)))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for i in range(len(pins)):
        for j in range(i + 1, len(pins)):
            if bin(pins[i][1] ^ pins[j][1]).count("1") <= d:
                parent[find(i)] = find(j)
    out = {}
    for i, (pid, _) in enumerate(pins):
        out.setdefault(find(i), []).append(pid)
    return sorted(sorted(g) for g in out.values() if len(g) > 1)


for _ in range(100):
    seeds = [rng.getrandbits(64) for _ in range(5)]
    pins = [(i, flip(rng.choice(seeds), rng.sample(range(64), rng.randint(0, 4)))) for i in range(30)]
    assert sorted(sorted(g) for g in group_near_duplicates(pins)) == brute(pins, 3)
print("ok")
