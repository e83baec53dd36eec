from answer import *

import random

assert min_rooms([]) == 0
assert min_rooms([(540, 600), (600, 660)]) == 1  # a room freed at 600 hosts a 600 start
assert min_rooms([(540, 600), (570, 630), (590, 700), (600, 610)]) == 3
assert min_rooms([(0, 1440)] * 4) == 4
rng = random.Random(4)
for _ in range(200):
    ms = []
    for _ in range(rng.randint(1, 30)):
        s = rng.randrange(0, 100)
        ms.append((s, s + rng.randint(1, 30)))
    peak = max(sum(1 for s, e in ms if s <= t < e) for t in range(0, 131))
    assert min_rooms(ms) == peak
print("ok")
