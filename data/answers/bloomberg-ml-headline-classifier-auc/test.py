from answer import *

import random

assert abs(roc_auc([1, 0, 1, 0, 0], [0.9, 0.8, 0.8, 0.3, 0.1]) - 5.5 / 6) < 1e-12
assert roc_auc([1, 0], [0.9, 0.1]) == 1.0
assert roc_auc([1, 0], [0.1, 0.9]) == 0.0
assert roc_auc([1, 0, 1, 0], [0.5] * 4) == 0.5
for bad in ([1, 1], [0, 0]):
    try:
        roc_auc(bad, [0.1, 0.2])
        raise SystemExit("accepted a single class")
    except ValueError:
        pass


def brute(labels, scores):
    pos = [s for s, l in zip(scores, labels) if l]
    neg = [s for s, l in zip(scores, labels) if not l]
    won = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return won / (len(pos) * len(neg))


rng = random.Random(2)
for _ in range(400):
    n = rng.randint(2, 60)
    labels = [rng.randint(0, 1) for _ in range(n)]
    if len(set(labels)) < 2:
        continue
    scores = [rng.randint(0, 8) / 8 for _ in range(n)]   # many ties
    assert abs(roc_auc(labels, scores) - brute(labels, scores)) < 1e-12
    # order of rows does not matter
    idx = list(range(n))
    rng.shuffle(idx)
    assert abs(roc_auc([labels[i] for i in idx], [scores[i] for i in idx]) - brute(labels, scores)) < 1e-12

# the base-rate arithmetic in the answer
tp = 0.80 * 10_000
fp = 0.05 * 990_000
assert (tp, fp) == (8_000, 49_500)
assert round(tp / (tp + fp), 3) == 0.139
print("ok")
