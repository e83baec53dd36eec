from answer import *

import math

binom = poisson_binomial_pmf([0.3] * 40)
assert abs(sum(binom) - 1) < 1e-12
for k in (0, 7, 12, 20):
    assert abs(binom[k] - math.comb(40, k) * 0.3**k * 0.7 ** (40 - k)) < 1e-12
mean = sum(k * q for k, q in enumerate(binom))
var = sum((k - mean) ** 2 * q for k, q in enumerate(binom))
assert abs(mean - 12) < 1e-9 and abs(var - 8.4) < 1e-9
assert round(math.sqrt(8.4), 1) == 2.9
assert abs(binom[0] - 6.4e-7) < 0.05e-7
tail = sum(binom[15:])
assert round(tail, 2) == 0.19, tail

ps = [0.8] * 5 + [8 / 35] * 35
pb = poisson_binomial_pmf(ps)
m = sum(k * q for k, q in enumerate(pb))
v = sum((k - m) ** 2 * q for k, q in enumerate(pb))
assert abs(m - 12) < 1e-9
assert round(v, 2) == 6.97, v
assert v < 8.4

assert round(0.992**5, 3) == 0.961
assert poisson_binomial_pmf([]) == [1.0]
print("ok")
