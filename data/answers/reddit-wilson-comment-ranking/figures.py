import math


def wilson_lower(up, n, z=1.96):
    p = up / n
    return (p + z * z / (2 * n) - z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)


votes = {"A": (1, 0), "B": (8, 2), "C": (70, 30), "D": (900, 800)}
net = sorted(votes, key=lambda c: -(votes[c][0] - votes[c][1]))
assert net == ["D", "C", "B", "A"]
assert [votes[c][0] - votes[c][1] for c in net] == [100, 40, 6, 1]
share = sorted(votes, key=lambda c: -votes[c][0] / sum(votes[c]))
assert share == ["A", "B", "C", "D"]
assert round(900 / 1700, 2) == 0.53

lower = {c: wilson_lower(u, u + d) for c, (u, d) in votes.items()}
assert {c: round(v, 3) for c, v in lower.items()} == {"A": 0.207, "B": 0.490, "C": 0.604, "D": 0.506}
assert sorted(votes, key=lambda c: -lower[c]) == ["C", "D", "B", "A"]

# The simple normal interval collapses to zero width for A.
p = 1.0
assert 1.96 * math.sqrt(p * (1 - p) / 1) == 0
# One more downvote halves A's share.
assert 1 / 2 == 0.5 * (1 / 1)
print("ok")
