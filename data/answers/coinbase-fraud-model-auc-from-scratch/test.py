from answer import *

import random

assert roc_auc([0, 1], [0.1, 0.9]) == 1.0
assert roc_auc([1, 0], [0.1, 0.9]) == 0.0
assert roc_auc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]) == 0.5       # all tied: coin flip
# The worked example: of the 9 (positive, negative) pairs, the positive wins 7 and loses 2.
labels = [0, 0, 1, 1, 0, 1]
scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9]
assert abs(roc_auc(labels, scores) - 7 / 9) < 1e-12, roc_auc(labels, scores)
# Any strictly increasing transform of the scores leaves AUC unchanged.
assert abs(roc_auc(labels, [s ** 3 for s in scores]) - 7 / 9) < 1e-12
for bad in ([1, 1], [0, 0], []):
    try:
        roc_auc(bad, [0.1] * len(bad))
        assert False
    except ValueError:
        pass


def brute(labels, scores):
    wins = total = 0
    for yi, si in zip(labels, scores):
        for yj, sj in zip(labels, scores):
            if yi == 1 and yj == 0:
                total += 1
                wins += 1 if si > sj else 0.5 if si == sj else 0
    return wins / total


rng = random.Random(4)
for _ in range(1000):
    n = rng.randint(2, 40)
    labels = [rng.randint(0, 1) for _ in range(n)]
    if 0 < sum(labels) < n:
        scores = [rng.randint(0, 6) / 6 for _ in range(n)]     # many ties
        assert abs(roc_auc(labels, scores) - brute(labels, scores)) < 1e-12

# The alert arithmetic in the solution.
logins, prevalence = 2_000_000, 0.002
positives = logins * prevalence
negatives = logins - positives
assert positives == 4000 and negatives == 1_996_000
caught, false_alerts = 0.8 * positives, 0.01 * negatives
assert caught == 3200 and round(false_alerts) == 19960
assert round(100 * caught / (caught + false_alerts), 1) == 13.8
print("ok")
