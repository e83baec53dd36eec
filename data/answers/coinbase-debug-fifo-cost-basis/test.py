from answer import *

import random
from decimal import Decimal


def tx(time, side, qty, price):
    return {"time": time, "side": side, "qty": qty, "price": price}


# Symptom 1: FIFO follows time, not price.
assert realized_gain([tx(1, "buy", "1", "40000"), tx(2, "buy", "1", "30000"),
                      tx(3, "sell", "1", "35000")]) == Decimal("-5000.00")
# Symptom 2: a partly sold lot keeps its remainder.
t = [tx(1, "buy", "1", "30000"), tx(2, "buy", "1", "40000"), tx(3, "sell", "1.5", "50000"),
     tx(4, "sell", "0.5", "60000")]
assert realized_gain(t) == Decimal("35000.00")
# Symptom 3: no state shared between calls.
assert realized_gain(t) == realized_gain(t) == Decimal("35000.00")
assert realized_gain([]) == Decimal("0.00")
# Symptom 4: decimal quantities sell down to exactly zero (floats leave dust and crash).
assert realized_gain([tx(1, "buy", "0.3", "2000"), tx(2, "sell", "0.1", "2100"),
                      tx(3, "sell", "0.2", "2100")]) == Decimal("30.00")
assert realized_gain([tx(1, "buy", 0.3, 2000), tx(2, "sell", 0.1, 2100), tx(3, "sell", 0.2, 2100)]) == Decimal("30.00")
# Symptom 5: overselling is a clear error.
try:
    realized_gain([tx(1, "buy", "1", "10"), tx(2, "sell", "1.0001", "11")])
    assert False
except ValueError:
    pass
# Input order does not matter; the caller's list is not changed.
shuffled = list(reversed(t))
assert realized_gain(shuffled) == Decimal("35000.00") and shuffled[0]["time"] == 4
# Rounding to the cent, half up.
assert realized_gain([tx(1, "buy", "1", "0.001"), tx(2, "sell", "1", "0.006")]) == Decimal("0.01")


def brute(txns):
    """FIFO one thousandth of a unit at a time, in integer cents x 1000."""
    units, gain = [], 0
    for t in sorted(txns, key=lambda t: t["time"]):
        n = int(Decimal(t["qty"]) * 1000)
        cents = int(Decimal(t["price"]) * 100)
        if t["side"] == "buy":
            units.extend([cents] * n)
        else:
            for _ in range(n):
                gain += cents - units.pop(0)
    return (Decimal(gain) / 100000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


rng = random.Random(9)
for _ in range(300):
    txns, held = [], 0
    for i in range(rng.randint(0, 12)):
        price = f"{rng.randint(100, 99999) / 100:.2f}"
        if held and rng.random() < 0.45:
            q = rng.randint(1, held)
            held -= q
            txns.append(tx(i, "sell", f"{q / 1000:.3f}", price))
        else:
            q = rng.randint(1, 3000)
            held += q
            txns.append(tx(i, "buy", f"{q / 1000:.3f}", price))
    rng.shuffle(txns)
    assert realized_gain(txns) == brute(txns)
print("ok")
