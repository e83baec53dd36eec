from answer import *

import random

groups, cycles = release_plan(
    {"PAY-1": 3, "PAY-2": 3, "PAY-3": 1, "PAY-9": 2, "PAY-10": 2, "OPS-4": 5},
    [("PAY-1", "PAY-2"), ("PAY-2", "PAY-3"), ("PAY-3", "PAY-1"),   # a cycle
     ("PAY-3", "OPS-4"), ("EXT-1", "PAY-9"), ("PAY-10", "PAY-10")])
assert groups == [["PAY-1", "PAY-2", "PAY-3"], ["PAY-9"], ["PAY-10"], ["OPS-4"]], groups
assert cycles == [["PAY-1", "PAY-2", "PAY-3"], ["PAY-10"]], cycles
assert release_plan({}, []) == ([], [])

# a long chain must not hit the recursion limit
n = 50_000
issues = {f"X-{i}": 3 for i in range(n)}
links = [(f"X-{i}", f"X-{i + 1}") for i in range(n - 1)] + [(f"X-{n - 1}", "X-0")]
groups, cycles = release_plan(issues, links)
assert len(groups) == 1 and len(cycles) == 1 and len(groups[0]) == n


def reach(keys, links):
    r = {k: {k} for k in keys}
    changed = True
    while changed:
        changed = False
        for a, b in links:
            for k in keys:
                if a in r[k] and b not in r[k]:
                    r[k].add(b)
                    changed = True
    return r


rng = random.Random(1)
for trial in range(300):
    keys = [f"{rng.choice('AB')}-{i}" for i in range(1, rng.randint(2, 14))]
    issues = {k: rng.randint(1, 5) for k in keys}
    links = [(rng.choice(keys + ["Z-1"]), rng.choice(keys)) for _ in range(rng.randint(0, 20))]
    groups, cycles = release_plan(issues, links)
    inside = [(a, b) for a, b in links if a in issues and b in issues]
    r = reach(keys, inside)
    pos = {k: i for i, g in enumerate(groups) for k in g}
    assert sorted(pos) == sorted(keys) and sum(map(len, groups)) == len(keys)
    for a in keys:
        for b in keys:
            assert (pos[a] == pos[b]) == (b in r[a] and a in r[b])   # groups are the SCCs
    for a, b in inside:
        assert pos[a] <= pos[b]
    # greedy: each group is the most urgent among those whose blockers are all placed
    for i, g in enumerate(groups):
        done = {k for h in groups[:i] for k in h}
        avail = []
        for h in groups[i:]:
            if all(a in done or a in h for a, b in inside if b in h):
                avail.append(min((issues[k], key_order(k)) for k in h))
        assert min((issues[k], key_order(k)) for k in g) == min(avail)
        assert g == sorted(g, key=key_order)
    want_cycles = [g for g in groups if len(g) > 1 or (g[0], g[0]) in inside]
    assert cycles == want_cycles
print("ok")
