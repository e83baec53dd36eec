import itertools
import math

p, q = 0.95, 0.05
no_freeze = p ** 29
one_miss = 29 * q * p ** 28
with_freeze = no_freeze + one_miss
assert round(no_freeze, 3) == 0.226
assert round(one_miss, 3) == 0.345
assert round(with_freeze, 3) == 0.571

# The same by dynamic programming over (day, freeze left), so the binomial shortcut is checked.
alive = {1: 1.0, 0: 0.0}                 # probability alive with the freeze still equipped / used
for _ in range(29):
    alive = {1: alive[1] * p, 0: alive[0] * p + alive[1] * q}
assert abs(alive[1] + alive[0] - with_freeze) < 1e-12

# Expected practice days including day 1: geometric and negative binomial means.
assert round(1 + p / q) == 20
assert round(1 + 2 * p / q) == 39
# Check the negative binomial mean by summing the series: k successes before the 2nd failure.
mean2 = sum(k * (k + 1) * q * q * p ** k for k in range(5000))
assert abs(mean2 - 38) < 1e-9

# Mixture of learners.
hi, lo = 0.99 ** 29, 0.91 ** 29
assert round(hi, 3) == 0.747 and round(lo, 3) == 0.065
mix = 0.5 * hi + 0.5 * lo
assert round(mix, 3) == 0.406
assert round(0.5 * hi / mix, 2) == 0.92
assert mix > no_freeze  # survival is convex in the daily rate (Jensen)
print("ok")
