from answer import *

import random

assert allocate(100, [1, 1, 1]) == [34, 33, 33]
assert allocate(1000, [70, 20, 10]) == [700, 200, 100]
assert allocate(5, [1, 1]) == [3, 2]
assert allocate(0, [1, 2]) == [0, 0]
assert allocate(-100, [1, 1, 1]) == [-34, -33, -33]  # refunds mirror charges
assert allocate(1, [0, 5]) == [0, 1]
for bad in ([], [-1, 2], [0, 0]):
    try:
        allocate(10, bad)
        raise AssertionError(f"accepted {bad}")
    except ValueError:
        pass
rng = random.Random(3)
for _ in range(1000):
    total = rng.randint(-10_000, 10_000)
    w = [rng.randint(0, 50) for _ in range(rng.randint(1, 6))]
    if sum(w) == 0:
        continue
    parts = allocate(total, w)
    assert sum(parts) == total
    for p, wi in zip(parts, w):
        exact = total * wi / sum(w)
        assert abs(p - exact) < 1  # every part within one minor unit of its share
print("ok")
