from answer import *

import itertools
import random


def brute(parent, value, k):
    n = len(parent)
    best = 0
    for r in range(min(k, n) + 1):
        for s in itertools.combinations(range(n), r):
            ss = set(s)
            if all(parent[i] == -1 or parent[i] in ss for i in s):
                best = max(best, sum(value[i] for i in s))
    return best


def valid(parent, value, k, total, chosen):
    ss = set(chosen)
    assert len(ss) == len(chosen) <= k
    assert all(parent[i] == -1 or parent[i] in ss for i in chosen)
    assert sum(value[i] for i in chosen) == total
    # Display order: every comment comes after its parent.
    seen = set()
    for i in chosen:
        assert parent[i] == -1 or parent[i] in seen
        seen.add(i)


def greedy(parent, value, k):
    """Best-first expansion of the visible frontier: not optimal."""
    frontier = [i for i, p in enumerate(parent) if p == -1]
    total = 0
    for _ in range(k):
        if not frontier:
            break
        v = max(frontier, key=lambda i: value[i])
        frontier.remove(v)
        total += value[v]
        frontier += [i for i, p in enumerate(parent) if p == v]
    return total


# A low-value parent hiding a high-value reply: greedy takes 5 + 4, the optimum is 1 + 50.
parent = [-1, -1, 0, 1]
value = [1, 5, 50, 4]
total, chosen = best_comments(parent, value, 2)
assert total == 51 and chosen == [0, 2]
assert greedy(parent, value, 2) == 9

assert best_comments([], [], 5) == (0, [])
assert best_comments([-1, 0], [3, 4], 0) == (0, [])
assert best_comments([-1, 0, 1], [1, 2, 3], 10)[0] == 6

random.seed(5)
for trial in range(400):
    n = random.randint(1, 11)
    parent = [-1 if i == 0 or random.random() < 0.3 else random.randrange(i) for i in range(n)]
    # Shuffle ids so parents need not come before children.
    perm = list(range(n))
    random.shuffle(perm)
    inv = {old: new for new, old in enumerate(perm)}
    p2 = [0] * n
    for old in range(n):
        p2[inv[old]] = -1 if parent[old] == -1 else inv[parent[old]]
    value = [random.randint(0, 20) for _ in range(n)]
    k = random.randint(0, n + 1)
    total, chosen = best_comments(p2, value, k)
    assert total == brute(p2, value, k), (p2, value, k)
    valid(p2, value, k, total, chosen)

# A 20,000-deep reply chain does not hit the recursion limit, and a wide thread stays fast.
n = 20000
total, chosen = best_comments([-1] + list(range(n - 1)), [1] * n, 50)
assert total == 50 and chosen == list(range(50))
n = 5000
parent = [-1 if i < 50 else random.randrange(i) for i in range(n)]
value = [random.randint(0, 100) for _ in range(n)]
total, chosen = best_comments(parent, value, 100)
valid(parent, value, 100, total, chosen)
assert total >= greedy(parent, value, 100)
print("ok")
