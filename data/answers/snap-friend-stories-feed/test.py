from answer import *

import random

s = Stories()
s.befriend("ann", "bo")
s.befriend("ann", "cy")
s.post("bo", "b1", 100)
s.post("bo", "b2", 5000)
s.post("cy", "c1", 3000)
s.post("dee", "d1", 6000)  # not a friend
assert s.feed("ann", 10_000, 10) == [("bo", "b2", 5000), ("cy", "c1", 3000), ("bo", "b1", 100)]
assert s.feed("ann", 10_000, 2) == [("bo", "b2", 5000), ("cy", "c1", 3000)]
# b1 expires at 100 + 86,400.
assert ("bo", "b1", 100) not in s.feed("ann", 86_500, 10)
assert s.feed("ann", 86_500, 10) == [("bo", "b2", 5000), ("cy", "c1", 3000)]
assert s.feed("bo", 10_000, 5) == []
assert s.feed("nobody", 0, 5) == []

# Against a scan of every story, with times moving forward.
rng = random.Random(2)
s, everything, friends = Stories(), [], {}
users = list(range(8))
for u in users:
    for v in users:
        if u < v and rng.random() < 0.4:
            s.befriend(u, v)
            friends.setdefault(u, set()).add(v)
            friends.setdefault(v, set()).add(u)
t = 0
for step in range(3000):
    t += rng.randint(0, 120)
    if rng.random() < 0.7:
        u = rng.choice(users)
        s.post(u, f"s{step}", t)
        everything.append((u, f"s{step}", t))
    else:
        v = rng.choice(users)
        live = [x for x in everything if x[0] in friends.get(v, ()) and t - x[2] < 86_400]
        live.sort(key=lambda x: (-x[2], str(x[0])))
        got = s.feed(v, t, 5)
        assert [x[2] for x in got] == [x[2] for x in live[:5]]
        assert all(x in live for x in got)
print("ok")
