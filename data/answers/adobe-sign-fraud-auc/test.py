from answer import *
import random

assert auc([0.9, 0.8, 0.3, 0.1], [1, 1, 0, 0]) == 1.0
assert auc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0]) == 0.0
assert auc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0]) == 0.5       # all tied
assert abs(auc([0.9, 0.4, 0.6, 0.2, 0.4], [1, 1, 0, 0, 0]) - 4.5 / 6) < 1e-12
for bad in (([0.1, 0.2], [1, 1]), ([0.1], [0]), ([0.1, 0.2], [1])):
    try:
        auc(*bad)
        assert False, bad
    except ValueError:
        pass

def brute(scores, labels):
    p = [s for s, y in zip(scores, labels) if y == 1]
    n = [s for s, y in zip(scores, labels) if y == 0]
    wins = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a in p for b in n)
    return wins / (len(p) * len(n))

rng = random.Random(5)
for _ in range(500):
    n = rng.randint(2, 40)
    labels = [rng.randint(0, 1) for _ in range(n)]
    if len(set(labels)) < 2:
        continue
    scores = [rng.choice([0.1, 0.2, 0.5, 0.7, rng.random()]) for _ in range(n)]
    assert abs(auc(scores, labels) - brute(scores, labels)) < 1e-9

# A larger sample with a known answer.

labels = [rng.random() < 0.02 for _ in range(20000)]
scores = [round(rng.gauss(1.5 if y else 0.0, 1.0), 2) for y in labels]
labels = [int(y) for y in labels]
a = auc(scores, labels)
assert 0.8 < a < 0.9, a   # two unit-variance normals 1.5 apart: Phi(1.5/sqrt 2) = 0.856
print("ok")
