from answer import *

import math
import random

books = [("BTC", "USD", 60000, 60010), ("ETH", "BTC", 0.05, 0.0501),
         ("ETH", "USD", 2990, 2992), ("USDC", "USD", 0.9999, 1.0001)]
amount, path = best_conversion(books, "ETH", "USD", 2, 0.001)
assert path == ["ETH", "BTC", "USD"] and abs(amount - 2994.003) < 1e-6, (amount, path)
amount, path = best_conversion(books, "ETH", "USD", 1, 0.001)
assert path == ["ETH", "USD"] and abs(amount - 2987.01) < 1e-6
assert best_conversion(books, "ETH", "USDC", 1, 0.001) == (0.0, [])
amount, path = best_conversion(books, "ETH", "USDC", 2, 0.001)
assert path == ["ETH", "USD", "USDC"]
assert best_conversion(books, "BTC", "BTC", 3, 0.001) == (1.0, ["BTC"])
assert best_conversion(books, "DOGE", "USD", 3, 0.001) == (0.0, [])
assert best_conversion(books, "ETH", "USD", 0, 0.001) == (0.0, [])


def path_amount(books, path, fee):
    rate = {}
    for a, b, r in conversion_edges(books):  # two books can quote the same pair: keep the better
        rate[(a, b)] = max(r, rate.get((a, b), 0.0))
    x = 1.0
    for a, b in zip(path, path[1:]):
        x *= rate[(a, b)] * (1 - fee)
    return x


def brute(books, source, target, k, fee):
    """Every walk of at most k trades."""
    edges = conversion_edges(books)
    best = 1.0 if source == target else 0.0

    def go(asset, amount, left):
        nonlocal best
        if asset == target:
            best = max(best, amount)
        if left:
            for a, b, r in edges:
                if a == asset:
                    go(b, amount * r * (1 - fee), left - 1)

    go(source, 1.0, k)
    return best


rng = random.Random(5)
assets = ["A", "B", "C", "D", "E"]
for _ in range(400):
    bks = []
    for _ in range(rng.randint(0, 6)):
        base, quote = rng.sample(assets, 2)
        mid = math.exp(rng.uniform(-2, 2))
        bid = mid * rng.uniform(0.95, 1.0)
        ask = mid * rng.uniform(1.0, 1.05) if rng.random() < 0.8 else bid * 0.9  # some crossed books
        bks.append((base, quote, bid, ask))
    s, t = rng.choice(assets), rng.choice(assets)
    k, fee = rng.randint(0, 4), rng.choice([0.0, 0.001, 0.01])
    got, path = best_conversion(bks, s, t, k, fee)
    want = brute(bks, s, t, k, fee)
    assert abs(got - want) <= 1e-9 * max(1.0, want), (got, want)
    if want > 0:
        assert path[0] == s and path[-1] == t and len(path) - 1 <= k
        assert abs(path_amount(bks, path, fee) - got) <= 1e-9 * max(1.0, got)
    else:
        assert path == []
print("ok")
