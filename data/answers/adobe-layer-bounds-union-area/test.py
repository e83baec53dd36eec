from answer import *
import random, time

assert covered_area([]) == 0
assert covered_area([(0, 0, 10, 10)]) == 100
assert covered_area([(0, 0, 10, 10), (5, 5, 15, 15)]) == 175
assert covered_area([(0, 0, 10, 10), (0, 0, 10, 10)]) == 100        # duplicates
assert covered_area([(0, 0, 10, 10), (2, 2, 4, 4)]) == 100          # nested
assert covered_area([(0, 0, 5, 5), (5, 0, 10, 5)]) == 50            # touching edges
assert covered_area([(3, 3, 3, 9), (4, 4, 2, 2)]) == 0              # empty and inverted
assert covered_area([(-5, -5, 5, 5), (8, 8, 20, 20)], 10, 10) == 29 # clipped to the artboard
assert covered_area([(0, 0, 10**9, 10**9), (1, 1, 2, 2)]) == 10**18  # exact big integers

def brute(rects, w=None, h=None):
    cells = set()
    for x1, y1, x2, y2 in rects:
        for x in range(x1, x2):
            for y in range(y1, y2):
                if (w is None or 0 <= x < w) and (h is None or 0 <= y < h):
                    cells.add((x, y))
    return len(cells)

rng = random.Random(11)
for _ in range(500):
    rects = []
    for _ in range(rng.randint(0, 8)):
        x1, y1 = rng.randint(-3, 12), rng.randint(-3, 12)
        rects.append((x1, y1, x1 + rng.randint(-1, 8), y1 + rng.randint(-1, 8)))
    if rng.random() < 0.5:
        w, h = rng.randint(1, 10), rng.randint(1, 10)
        assert covered_area(rects, w, h) == brute(rects, w, h), rects
    else:
        assert covered_area(rects) == brute(rects), rects

# 20,000 layers run quickly.
big = []
for _ in range(20000):
    x, y = rng.randint(0, 10**6), rng.randint(0, 10**6)
    big.append((x, y, x + rng.randint(1, 5000), y + rng.randint(1, 5000)))
start = time.time()
area = covered_area(big, 10**6, 10**6)
assert 0 < area <= 10**12
assert time.time() - start < 30
print("ok")
