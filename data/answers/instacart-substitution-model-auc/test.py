from answer import *

import numpy as np


def brute_auc(scores, labels):
    pos = [s for s, y in zip(scores, labels) if y == 1]
    neg = [s for s, y in zip(scores, labels) if y == 0]
    total = 0.0
    for p in pos:
        for n in neg:
            total += 1.0 if p > n else 0.5 if p == n else 0.0
    return total / (len(pos) * len(neg))


assert roc_auc([0.9, 0.8, 0.8, 0.3], [1, 0, 1, 0]) == 0.875
assert roc_auc([0.5] * 6, [1, 0, 1, 0, 0, 1]) == 0.5
assert roc_auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]) == 1.0
assert roc_auc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0]) == 0.0
assert list(average_ranks([3, 1, 3, 2])) == [3.5, 1.0, 3.5, 2.0]
for bad in (([0.1, 0.2], [1, 1]), ([0.1, 0.2], [0, 0]), ([0.1], [1, 0]),
            ([float("nan"), 0.2], [1, 0]), ([0.1, 0.2], [1, 2])):
    try:
        roc_auc(*bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"no error for {bad}")

rng = np.random.default_rng(7)
for trial in range(300):
    n = int(rng.integers(2, 60))
    scores = rng.integers(0, 6, n) / 5.0  # many ties on purpose
    labels = rng.integers(0, 2, n)
    if labels.min() == labels.max():
        labels[0] = 1 - labels[0]
    got = roc_auc(scores, labels)
    want = brute_auc(list(scores), list(labels))
    assert abs(got - want) < 1e-12, (trial, got, want)
    # invariant under shuffling, and flipping labels gives 1 - AUC
    perm = rng.permutation(n)
    assert abs(roc_auc(scores[perm], labels[perm]) - got) < 1e-12
    assert abs(roc_auc(scores, 1 - labels) - (1 - got)) < 1e-12

# 2 million rows in well under a few seconds
n = 2_000_000
y = rng.integers(0, 2, n)
s = np.round(rng.normal(y * 0.8, 1.0), 2)
a = roc_auc(s, y)
assert 0.68 < a < 0.74, a
print("ok")
