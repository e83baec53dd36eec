from answer import *
import random

# Example: 0 is the CEO; 1 and 2 report to 0; 3 reports to 1.
h = RoleHierarchy([-1, 0, 0, 1])
h.add_record("a", 3)
h.add_record("b", 2)
assert h.visible_count(0) == 2 and h.visible_count(1) == 1 and h.visible_count(3) == 1
assert h.can_see(1, "a") and not h.can_see(2, "a") and h.can_see(0, "b")
assert not h.can_see(3, "b") and not h.can_see(0, "missing")
h.transfer("a", 2)
assert h.visible_count(1) == 0 and h.visible_count(2) == 2 and h.can_see(2, "a")
h.delete("b")
assert h.visible_count(0) == 1 and not h.can_see(0, "b")
try:
    h.add_record("a", 1)
    assert False, "duplicate record accepted"
except KeyError:
    pass

# A deep chain does not hit the recursion limit.
n = 100_000
deep = RoleHierarchy([-1] + list(range(n - 1)))
deep.add_record("r", n - 1)
assert deep.visible_count(0) == 1 and deep.visible_count(n - 1) == 1 and deep.can_see(12345, "r")

# Randomised comparison with walking up the managers (several roots too).
def ancestors(manager, u):
    while u != -1:
        yield u
        u = manager[u]

rng = random.Random(7)
for trial in range(200):
    n = rng.randint(1, 30)
    manager = [-1 if i == 0 or rng.random() < 0.1 else rng.randrange(i) for i in range(n)]
    h = RoleHierarchy(manager)
    owner = {}
    for step in range(60):
        op = rng.random()
        if op < 0.4 or not owner:
            rid = step
            o = rng.randrange(n)
            h.add_record(rid, o)
            owner[rid] = o
        elif op < 0.6:
            rid = rng.choice(sorted(owner))
            o = rng.randrange(n)
            h.transfer(rid, o)
            owner[rid] = o
        elif op < 0.7:
            rid = rng.choice(sorted(owner))
            h.delete(rid)
            del owner[rid]
        u = rng.randrange(n)
        want = sum(1 for o in owner.values() if u in ancestors(manager, o))
        assert h.visible_count(u) == want, (manager, owner, u)
        for rid, o in owner.items():
            assert h.can_see(u, rid) == (u in ancestors(manager, o))
print("ok")
