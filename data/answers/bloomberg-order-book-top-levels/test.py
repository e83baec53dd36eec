from answer import *

import random


def snapshot(orders, side, k):
    levels = {}
    for s, p, q in orders.values():
        if s == side:
            lv = levels.setdefault(p, [0, 0])
            lv[0] += q
            lv[1] += 1
    ps = sorted(levels, reverse=(side == "B"))[:k]
    return [(p, *levels[p]) for p in ps]


b = OrderBook(depth=2)
assert b.add(1, "B", 100, 10) is True
assert b.add(2, "B", 101, 5) is True
assert b.add(3, "B", 99, 7) is False          # third level: not visible at depth 2
assert b.top("B") == [(101, 5, 1), (100, 10, 1)]
assert b.top("B", 0) == []
assert b.top("B", 10) == [(101, 5, 1), (100, 10, 1), (99, 7, 1)]
assert b.add(1, "B", 100, 10) is False        # duplicate id
assert b.modify(3, 8) is False                # outside the view
assert b.modify(1, 10) is False               # same quantity
assert b.cancel(2) is True                    # best level empties, 99 shifts in
assert b.top("B") == [(100, 10, 1), (99, 8, 1)]
assert b.execute(1, 4) is True and b.top("B")[0] == (100, 6, 1)
assert b.execute(1, 50) is True and b.top("B") == [(99, 8, 1)]   # overfill removes
assert b.cancel(42) is False and b.modify(43, 1) is False and b.execute(44, 1) is False
assert b.unknown == 3
assert b.add(10, "S", 105, 3) and b.add(11, "S", 105, 4) and b.top("S") == [(105, 7, 2)]
assert b.add(12, "X", 1, 1) is False and b.add(13, "S", 106, 0) is False

rng = random.Random(7)
for trial in range(300):
    depth = rng.randint(1, 4)
    book = OrderBook(depth)
    ref = {}
    next_id = 0
    for _ in range(200):
        before = {s: snapshot(ref, s, depth) for s in "BS"}
        op = rng.random()
        ids = list(ref)
        if op < 0.45 or not ids:
            next_id += 1
            side = rng.choice("BS")
            price = rng.randint(95, 105)
            qty = rng.randint(1, 5)
            changed = book.add(next_id, side, price, qty)
            ref[next_id] = (side, price, qty)
        elif op < 0.65:
            i = rng.choice(ids)
            side = ref[i][0]
            changed = book.cancel(i)
            del ref[i]
        elif op < 0.85:
            i = rng.choice(ids)
            side = ref[i][0]
            nq = rng.randint(0, 5)
            changed = book.modify(i, nq)
            if nq == 0:
                del ref[i]
            else:
                ref[i] = (side, ref[i][1], nq)
        else:
            i = rng.choice(ids)
            side, price, q = ref[i]
            fill = rng.randint(1, 6)
            changed = book.execute(i, fill)
            if fill >= q:
                del ref[i]
            else:
                ref[i] = (side, price, q - fill)
        after = {s: snapshot(ref, s, depth) for s in "BS"}
        assert changed == (before[side] != after[side]), (trial, op)
        other = "S" if side == "B" else "B"
        assert before[other] == after[other]
        for s in "BS":
            assert book.top(s) == after[s]
            assert book.top(s, 50) == snapshot(ref, s, 50)
print("ok")
