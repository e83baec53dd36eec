from answer import *

import random

halts = [("AAA", 10, 15), ("AAA", 12, 20), ("AAA", 20, 25), ("BBB", 40, 45), ("BBB", 30, 35),
         ("CCC", 50, 50)]
orders = [(1, "AAA", 9), (2, "AAA", 10), (3, "AAA", 24), (4, "AAA", 25), (5, "BBB", 37),
          (6, "DDD", 12), (7, "BBB", 44), (8, "CCC", 50)]
minutes, blocked = halt_report(halts, orders)
assert minutes == {"AAA": 15, "BBB": 10}, minutes
assert blocked == [2, 3, 7], blocked
assert merge_halts(halts)["AAA"] == [(10, 25)]
assert halt_report([], orders) == ({}, [])
assert merge_halts([("X", 5, 10), ("X", 1, 30)]) == {"X": [(1, 30)]}   # containment


def brute(halts, orders):
    halted = {}
    for s, a, b in halts:
        halted.setdefault(s, set()).update(range(a, b))
    minutes = {s: len(m) for s, m in halted.items() if m}
    return minutes, [o for o, s, t in orders if t in halted.get(s, ())]


rng = random.Random(2)
for _ in range(2000):
    syms = ["A", "B", "C"]
    hs = []
    for _ in range(rng.randint(0, 8)):
        a = rng.randint(0, 60)
        hs.append((rng.choice(syms), a, a + rng.randint(-2, 12)))
    os_ = [(i, rng.choice(syms), rng.randint(0, 75)) for i in range(rng.randint(0, 15))]
    assert halt_report(hs, os_) == brute(hs, os_), (hs, os_)
print("ok")
