from answer import *

import random

assert max_profit([3, 8, 5, 1, 7, 8], 2, 1) == 10
assert max_profit([3, 8, 5, 1, 7, 8], 1, 1) == 6
assert max_profit([3, 8, 5, 1, 7, 8], 0, 1) == 0
assert max_profit([], 3, 0) == 0 and max_profit([5], 3, 0) == 0
assert max_profit([9, 7, 4, 1], 2, 0) == 0          # falling prices: do nothing
assert max_profit([1, 3, 2, 4], 2, 0) == 4           # two small trips beat one big one...
assert max_profit([1, 3, 2, 4], 2, 2) == 1           # ...until the fee makes one trip better
assert max_profit([1, 3, 2, 4], 2, 5) == 0           # a fee larger than any move: never trade
assert max_profit_unlimited([1, 3, 2, 8, 4, 9], 2) == 8


def brute(prices, k, fee):
    """Tries every action (buy, sell or wait) on every day."""
    best = 0

    def go(day, holding, trips, pnl):
        nonlocal best
        if day == len(prices):
            if not holding:
                best = max(best, pnl)
            return
        p = prices[day]
        go(day + 1, holding, trips, pnl)
        if holding:
            go(day + 1, False, trips, pnl + p - fee)
        elif trips < k:
            go(day + 1, True, trips + 1, pnl - p)

    go(0, False, 0, 0)
    return best


rng = random.Random(11)
for _ in range(1500):
    prices = [rng.randint(1, 20) for _ in range(rng.randint(0, 9))]
    k = rng.randint(0, 5)
    fee = rng.randint(0, 4)
    assert max_profit(prices, k, fee) == brute(prices, k, fee), (prices, k, fee)
    assert max_profit(prices, len(prices), fee) == max_profit_unlimited(prices, fee)
print("ok")
