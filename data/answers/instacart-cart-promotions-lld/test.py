from answer import *

import itertools
import random

catalog = {
    "yogurt": Product("yogurt", "dairy", 125),
    "milk": Product("milk", "dairy", 399),
    "apples": Product("apples", "produce", 250),
    "bread": Product("bread", "bakery", 450),
}
item_promos = [BuyXGetYFree("yogurt", 2, 1), PercentOffCategory("dairy", 20)]
cart_promos = [AmountOffOver(2000, 500)]

c = Cart(catalog, item_promos, cart_promos)
c.add("yogurt", 7)
r = c.receipt()
assert r.lines[0].gross == 875 and r.lines[0].discount == 250
assert r.lines[0].promotion.startswith("buy 2 get 1")
assert r.subtotal == 625 and r.cart_discount == 0 and r.total == 625

c.add("yogurt", 10)
r = c.receipt()
assert r.lines[0].gross == 2125 and r.lines[0].discount == 625 and r.subtotal == 1500 and r.total == 1500

c.add("bread", 2)
c.add("milk")
r = c.receipt()
by = {l.sku: l for l in r.lines}
assert by["milk"].discount == 80  # 20% of 399 = 79.8 -> 80
assert by["bread"].discount == 0 and by["bread"].promotion is None
assert r.subtotal == 1500 + 900 + 319 and r.cart_discount == 500 and r.total == r.subtotal - 500

c.remove("yogurt", 17)
assert "yogurt" not in c.qty
for bad in (lambda: c.remove("bread", 3), lambda: c.add("caviar", 1), lambda: c.add("milk", 0)):
    try:
        bad()
    except ValueError:
        pass
    else:
        raise AssertionError("accepted an invalid change")

# Half-cent rounding goes up: 15% of 250 = 37.5 -> 38.
c2 = Cart(catalog, [PercentOffCategory("produce", 15)])
c2.add("apples")
assert c2.receipt().lines[0].discount == 38
# A cart discount never makes the total negative.
c3 = Cart(catalog, [], [AmountOffOver(100, 10_000)])
c3.add("bread")
assert c3.receipt().total == 0

# Randomised: compare with a brute force over every assignment of at most one promotion per line.
rng = random.Random(11)
for trial in range(300):
    promos = []
    for _ in range(rng.randint(0, 4)):
        if rng.random() < 0.5:
            promos.append(BuyXGetYFree(rng.choice(list(catalog)), rng.randint(1, 3), rng.randint(1, 2)))
        else:
            promos.append(PercentOffCategory(rng.choice(["dairy", "produce", "bakery"]), rng.randint(1, 60)))
    carts = [AmountOffOver(rng.randint(0, 5000), rng.randint(1, 3000)) for _ in range(rng.randint(0, 2))]
    cart = Cart(catalog, promos, carts)
    for _ in range(rng.randint(1, 6)):
        cart.add(rng.choice(list(catalog)), rng.randint(1, 9))
    got = cart.receipt()
    skus = sorted(cart.qty)
    best_sub = None
    for choice in itertools.product([None] + promos, repeat=len(skus)):
        sub = 0
        for sku, pr in zip(skus, choice):
            p, q = catalog[sku], cart.qty[sku]
            d = 0 if pr is None else min(pr.line_discount(p, q), p.price_cents * q)
            sub += p.price_cents * q - d
        best_sub = sub if best_sub is None else min(best_sub, sub)
    assert got.subtotal == best_sub, (trial, got.subtotal, best_sub)
    best_total = min([best_sub] + [best_sub - pr.cart_discount(best_sub) for pr in carts])
    assert got.total == best_total and got.total >= 0
    assert sum(l.gross - l.discount for l in got.lines) == got.subtotal
print("ok")
