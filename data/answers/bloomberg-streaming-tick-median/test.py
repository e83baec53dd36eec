from answer import *

import random
import statistics

m = WindowMedian(60)
assert m.add(0, 100) == 100.0
assert m.add(0, 104) == 102.0
assert m.add(30, 101) == 101.0
assert m.add(60, 90) == 95.5      # ticks at 0 leave: window (0, 60] holds 101 and 90
assert m.add(200, 7) == 7.0       # a long gap evicts everything
assert m.add(200, 7) == 7.0       # equal prices stay distinct

rng = random.Random(11)
for trial in range(200):
    w = rng.randint(1, 20)
    m = WindowMedian(w)
    hist = []
    ts = 0
    for _ in range(rng.randint(1, 400)):
        ts += rng.choice([0, 0, 1, 1, 2, 5, 25])
        price = rng.randint(95, 105)
        hist.append((ts, price))
        want = statistics.median([p for t, p in hist if t > ts - w])
        assert m.add(ts, price) == want, (trial, ts)
        live = len([1 for t, _ in hist if t > ts - w])
        assert len(m.lo) + len(m.hi) <= 2 * live + 64 + 1

# one busy second: many ticks, then all evicted at once
m = WindowMedian(60)
for i in range(5000):
    m.add(10, i % 997)
assert m.add(70, 5) == 5.0
assert len(m.lo) + len(m.hi) <= 66
print("ok")
