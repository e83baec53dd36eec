from answer import *

import itertools
import random

chosen = fewest_inputs([50000, 20000, 120000, 8000, 30000], 140000, 700, 1000)
assert chosen == [120000, 50000]
assert sum(chosen) - (140000 + 1000 + 2 * 700) == 27600          # the change output
assert fewest_inputs([], 1, 0, 0) is None
assert fewest_inputs([1000, 1000], 5000, 10, 10) is None           # not enough money
assert fewest_inputs([1000, 50], 1000, 100, 0) is None             # enough coins, not enough for fees
assert fewest_inputs([1000, 500], 1000, 100, 0) == [1000, 500]
assert fewest_inputs([1100], 1000, 100, 0) == [1100]               # exactly enough
assert fewest_inputs([300, 300, 300], 500, 200, 0) is None         # each input adds 300 but costs 200
assert fewest_inputs([900, 50, 50], 850, 60, 0) is None            # dust below the input fee never helps
orig = [5, 1, 3]
fewest_inputs(orig, 4, 0, 0)
assert orig == [5, 1, 3]                                           # input not mutated


def brute(utxos, amount, fee, base):
    for k in range(1, len(utxos) + 1):
        for combo in itertools.combinations(utxos, k):
            if sum(combo) >= amount + base + fee * k:
                return k
    return None


rng = random.Random(3)
for _ in range(2000):
    utxos = [rng.randint(1, 100) for _ in range(rng.randint(0, 8))]
    amount, fee, base = rng.randint(1, 300), rng.randint(0, 30), rng.randint(0, 20)
    got = fewest_inputs(utxos, amount, fee, base)
    want = brute(utxos, amount, fee, base)
    if want is None:
        assert got is None
    else:
        assert got is not None and len(got) == want
        assert sum(got) >= amount + base + fee * len(got)
        assert sorted(got, reverse=True) == got
print("ok")
