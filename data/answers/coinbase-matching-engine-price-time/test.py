from answer import *

import random

# The example from the prompt.
b = OrderBook()
assert b.submit("s1", "sell", 5, 101) == []
assert b.submit("s2", "sell", 3, 100) == []
assert b.submit("s3", "sell", 4, 100) == []
assert b.best_ask() == 100 and b.best_bid() is None
assert b.submit("b1", "buy", 9, 101) == [("s2", "b1", 100, 3), ("s3", "b1", 100, 4), ("s1", "b1", 101, 2)]
assert b.best_ask() == 101
assert b.submit("b2", "buy", 2, 99) == []
assert b.best_bid() == 99
assert b.cancel("b2") and not b.cancel("b2") and b.best_bid() is None
# A market order takes what is there and never rests.
assert b.submit("m1", "buy", 10) == [("s1", "m1", 101, 3)]
assert b.best_ask() is None and b.best_bid() is None
assert b.submit("m2", "sell", 1) == []
# Cancelling the front of a level keeps time priority for the rest.
b = OrderBook()
b.submit("a", "buy", 1, 50); b.submit("b", "buy", 2, 50); b.submit("c", "buy", 1, 49)
assert b.cancel("a")
assert b.submit("x", "sell", 3, 49) == [("b", "x", 50, 2), ("c", "x", 49, 1)]
# A level emptied by cancels disappears, and the price can come back later.
b = OrderBook()
b.submit("a", "sell", 1, 10); b.cancel("a")
assert b.best_ask() is None
b.submit("b", "sell", 1, 10)
assert b.best_ask() == 10
for bad in (("b", "sell", 1, 11), ("z", "hold", 1, 1), ("z", "buy", 0, 1)):
    try:
        b.submit(*bad)
        assert False, bad
    except ValueError:
        pass


class Brute:
    """Scans every resting order for each match."""

    def __init__(self):
        self.rest = []  # [seq, id, side, price, remaining]
        self.seq = 0

    def submit(self, oid, side, qty, price=None):
        fills = []
        while qty > 0:
            opp = [o for o in self.rest if o[2] != side and (price is None or
                   (o[3] <= price if side == "buy" else o[3] >= price))]
            if not opp:
                break
            o = min(opp, key=lambda o: (o[3] if side == "buy" else -o[3], o[0]))
            t = min(qty, o[4])
            fills.append((o[1], oid, o[3], t))
            qty -= t
            o[4] -= t
            if o[4] == 0:
                self.rest.remove(o)
        if qty > 0 and price is not None:
            self.seq += 1
            self.rest.append([self.seq, oid, side, price, qty])
        return fills

    def cancel(self, oid):
        for o in self.rest:
            if o[1] == oid:
                self.rest.remove(o)
                return True
        return False

    def best(self, side):
        ps = [o[3] for o in self.rest if o[2] == side]
        return (max(ps) if side == "buy" else min(ps)) if ps else None


rng = random.Random(7)
for trial in range(300):
    fast, slow = OrderBook(), Brute()
    ids = []
    for step in range(rng.randint(1, 80)):
        if ids and rng.random() < 0.25:
            oid = rng.choice(ids)
            assert fast.cancel(oid) == slow.cancel(oid)
        else:
            oid = f"o{step}"
            ids.append(oid)
            side = rng.choice(("buy", "sell"))
            qty = rng.randint(1, 6)
            price = None if rng.random() < 0.1 else rng.randint(95, 105)
            assert fast.submit(oid, side, qty, price) == slow.submit(oid, side, qty, price)
        assert fast.best_bid() == slow.best("buy") and fast.best_ask() == slow.best("sell")
        bb, ba = fast.best_bid(), fast.best_ask()
        assert bb is None or ba is None or bb < ba  # the book never stays crossed
        assert sum(o[2] for o in fast.orders.values()) == sum(o[4] for o in slow.rest)
print("ok")
