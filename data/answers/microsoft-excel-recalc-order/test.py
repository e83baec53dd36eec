from answer import *

import random


def check(formulas, edited, order, circular):
    pos = {c: i for i, c in enumerate(order)}
    for c in order:
        for src in formulas[c]:
            if src in pos:
                assert pos[src] < pos[c], (src, c, order)
    assert not set(order) & set(circular)


f = {"C1": ["A1", "B1"], "D1": ["C1", "A1"], "E1": ["Z9"], "F1": ["D1", "D1"]}
order, circ = recalc_order(f, {"A1"})
assert order == ["C1", "D1", "F1"], order
assert circ == []
check(f, {"A1"}, order, circ)
# Only what the edit reaches.
assert recalc_order(f, {"Z9"}) == (["E1"], [])
assert recalc_order(f, {"Q1"}) == ([], [])

# A cycle among affected cells is reported; cells not downstream of it are still ordered.
f = {"B1": ["A1", "C1"], "C1": ["B1"], "D1": ["A1"], "E1": ["C1"]}
order, circ = recalc_order(f, {"A1"})
assert order == ["D1"], order
assert circ == ["B1", "C1", "E1"], circ

# A self-reference.
assert recalc_order({"A2": ["A1", "A2"]}, {"A1"}) == ([], ["A2"])

# Random acyclic workbooks: the affected set is exactly what is reachable and the order is valid.
rng = random.Random(3)
for _ in range(300):
    n = rng.randint(1, 30)
    cells = [f"X{i}" for i in range(n)]
    formulas = {}
    for i in range(n):
        if rng.random() < 0.7 and i > 0:
            formulas[cells[i]] = [cells[rng.randrange(i)] for _ in range(rng.randint(1, 3))]
    edited = {rng.choice(cells)}
    order, circ = recalc_order(formulas, edited)
    assert circ == []
    reach, stack = set(), list(edited)
    while stack:
        c = stack.pop()
        for d, reads in formulas.items():
            if c in reads and d not in reach:
                reach.add(d)
                stack.append(d)
    assert set(order) == reach - edited, (formulas, edited, order)
    check(formulas, edited, order, circ)
print("ok")
