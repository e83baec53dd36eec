from answer import *

import random

layout = {"bananas": (1, 5), "milk": (4, 2), "eggs": (4, 9), "bread": (7, 3), "chips": (7, 8)}
orders = [
    ("A", [("milk", 1), ("bananas", 6), ("soap", 1)]),
    ("B", [("eggs", 12), ("milk", 2), ("chips", 1)]),
    ("C", [("bread", 1), ("bananas", 2)]),
]
assert pick_list(orders, layout) == [
    ("bananas", 8, [("A", 6), ("C", 2)]),
    ("eggs", 12, [("B", 12)]),
    ("milk", 3, [("A", 1), ("B", 2)]),
    ("bread", 1, [("C", 1)]),
    ("chips", 1, [("B", 1)]),
    ("soap", 1, [("A", 1)]),
]
# Aisles 1 and 3: the second entered aisle is walked back to front even though 3 is odd.
lay = {"a": (1, 1), "b": (1, 9), "c": (3, 1), "d": (3, 9)}
assert [p for p, _, _ in pick_list([("X", [("a", 1), ("b", 1), ("c", 1), ("d", 1)])], lay)] == ["a", "b", "d", "c"]
# Duplicate lines in one order add up.
assert pick_list([("X", [("a", 1), ("a", 2)])], lay) == [("a", 3, [("X", 3)])]
assert pick_list([], lay) == []
try:
    pick_list([("X", [("a", 0)])], lay)
except ValueError:
    pass
else:
    raise AssertionError("zero quantity accepted")


def walk(orders, layout):
    """Reference: simulate the shopper walking every aisle and position of the store."""
    wanted = {}
    for oid, lines in orders:
        for pid, q in lines:
            wanted.setdefault(pid, {})
            wanted[pid][oid] = wanted[pid].get(oid, 0) + q
    out, forward = [], True
    for aisle in sorted({a for a, _ in layout.values()}):
        here = [p for p in wanted if p in layout and layout[p][0] == aisle]
        if not here:
            continue
        positions = sorted({layout[p][1] for p in here}, reverse=not forward)
        for pos in positions:
            for p in sorted(q for q in here if layout[q][1] == pos):
                out.append((p, sum(wanted[p].values()), list(wanted[p].items())))
        forward = not forward
    for p in sorted(p for p in wanted if p not in layout):
        out.append((p, sum(wanted[p].values()), list(wanted[p].items())))
    return out


rng = random.Random(5)
for trial in range(500):
    products = [f"p{i:02d}" for i in range(rng.randint(1, 25))]
    lay = {p: (rng.randint(1, 12), rng.randint(0, 6)) for p in products if rng.random() < 0.85}
    orders = [(o, [(rng.choice(products), rng.randint(1, 5)) for _ in range(rng.randint(0, 10))])
              for o in "ABC"[: rng.randint(1, 3)]]
    assert pick_list(orders, lay) == walk(orders, lay), trial
print("ok")
