from answer import *

import random


def expect(exc, fn):
    try:
        fn()
    except exc:
        return
    raise AssertionError(f"expected {exc.__name__}")


# Happy path with a retried event.
r = Ride("r1", 0)
assert r.apply("match", 10, "e1", driver_id="d1") == "MATCHED"
assert r.apply("arrive", 200, "e2", driver_id="d1") == "ARRIVED"
assert r.apply("arrive", 200, "e2", driver_id="d1") == "ARRIVED"  # retry: no-op
assert r.apply("start", 260, "e3", driver_id="d1") == "IN_PROGRESS"
assert r.apply("complete", 900, "e4", driver_id="d1") == "COMPLETED"
assert r.apply("complete", 900, "e4", driver_id="d1") == "COMPLETED"  # retry after the end
assert [h[2] for h in r.history] == ["match", "arrive", "start", "complete"]
expect(InvalidTransition, lambda: r.apply("rider_cancel", 901, "e5"))

# Guards.
r = Ride("r2", 0)
expect(InvalidTransition, lambda: r.apply("arrive", 5, "x1", driver_id="d1"))
expect(ValueError, lambda: r.apply("match", 5, "x2"))
r.apply("match", 5, "x3", driver_id="d1")
expect(InvalidTransition, lambda: r.apply("arrive", 6, "x4", driver_id="d2"))
expect(ValueError, lambda: r.apply("arrive", 4, "x5", driver_id="d1"))
assert r.state == "MATCHED" and len(r.history) == 1

# Cancellation fees at the boundaries.
r = Ride("r3", 0); r.apply("match", 100, "a", driver_id="d"); r.apply("rider_cancel", 220, "b")
assert r.state == "CANCELLED" and r.fee_cents == 0          # exactly 120 s: free
r = Ride("r4", 0); r.apply("match", 100, "a", driver_id="d"); r.apply("rider_cancel", 221, "b")
assert r.fee_cents == 500
r = Ride("r5", 0); r.apply("match", 0, "a", driver_id="d"); r.apply("arrive", 400, "b", driver_id="d")
r.apply("rider_cancel", 700, "c")
assert r.fee_cents == 0                                      # waited exactly 300 s at pickup
r = Ride("r6", 0); r.apply("match", 0, "a", driver_id="d"); r.apply("arrive", 400, "b", driver_id="d")
r.apply("rider_cancel", 701, "c")
assert r.fee_cents == 500
r = Ride("r7", 0); r.apply("rider_cancel", 5000, "a")
assert r.fee_cents == 0                                      # never matched

# Driver cancel re-opens the ride and restarts the clock.
r = Ride("r8", 0)
r.apply("match", 0, "a", driver_id="d1")
r.apply("driver_cancel", 500, "b", driver_id="d1")
assert r.state == "REQUESTED" and r.driver_id is None
r.apply("match", 600, "c", driver_id="d2")
r.apply("rider_cancel", 700, "d")
assert r.fee_cents == 0
r = Ride("r9", 0); r.apply("expire", 600, "a")
assert r.state == "CANCELLED"

# Random event streams: the state always follows the table, terminal states stay terminal.
rng = random.Random(9)
events = ["match", "arrive", "start", "complete", "rider_cancel", "driver_cancel", "expire"]
for trial in range(2000):
    r = Ride("x", 0)
    t, state, driver = 0, "REQUESTED", None
    for i in range(12):
        ev = rng.choice(events)
        t += rng.randint(0, 200)
        d = rng.choice(["d1", "d2"]) if ev == "match" else (driver if rng.random() < 0.8 else "zz")
        nxt = TRANSITIONS.get((state, ev))
        ok = nxt is not None and (ev != "match" or d is not None) and \
            (ev not in DRIVER_EVENTS or d == driver)
        try:
            got = r.apply(ev, t, f"e{i}", driver_id=d)
        except (InvalidTransition, ValueError):
            assert not ok, (trial, state, ev)
            continue
        assert ok and got == nxt, (trial, state, ev, got)
        state = nxt
        driver = d if ev == "match" else (None if ev == "driver_cancel" else driver)
        assert r.driver_id == driver
    if state in ("COMPLETED", "CANCELLED"):
        for ev in events:
            expect(InvalidTransition, lambda: r.apply(ev, t + 1, "late-" + ev, driver_id=driver))
print("ok")
