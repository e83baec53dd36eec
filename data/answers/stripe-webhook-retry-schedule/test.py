from answer import *

s = RetryScheduler()
assert [s.delay(n) for n in range(1, 8)] == [60, 120, 240, 480, 960, 1920, 3600]
assert sum(s.delay(n) for n in range(1, 8)) == 7380  # the "about 2 hours 3 minutes" in the solution

s.add("evt_a", 0)
s.add("evt_b", 0)
s.add("evt_a", 5)  # duplicate: ignored
assert s.due(0) == ["evt_a", "evt_b"]
assert s.due(0) == []
s.result("evt_a", True, 1)
s.result("evt_b", False, 1)
s.result("evt_b", False, 2)  # late duplicate result: ignored
assert s.due(60) == []
assert s.due(61) == ["evt_b"]

# An event that always fails gives up after 8 attempts in total.
s = RetryScheduler()
s.add("evt_x", 0)
now, attempts = 0, 0
while True:
    ids = s.due(now)
    if ids:
        assert ids == ["evt_x"]
        attempts += 1
        s.result("evt_x", False, now)
    if s.dead():
        break
    now += 30
assert attempts == 8, attempts
assert s.dead() == ["evt_x"]
assert s.due(10**9) == []

# Earliest due first, ties in arrival order.
s = RetryScheduler()
for i, t in enumerate([50, 10, 10, 30]):
    s.add(f"e{i}", t)
assert s.due(100) == ["e1", "e2", "e3", "e0"]
print("ok")
