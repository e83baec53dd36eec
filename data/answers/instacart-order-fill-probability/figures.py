import math

p_found, p_accept, n = 0.93, 0.7, 20
assert round(p_found ** n, 3) == 0.234
assert round(n * (1 - p_found), 1) == 1.4
ok = p_found + (1 - p_found) * p_accept
assert round(ok, 3) == 0.979
assert round(ok ** n, 3) == 0.654
r = (1 - p_found) * (1 - p_accept)
assert round(r, 3) == 0.021
assert round(n * r, 2) == 0.42
var = n * r * (1 - r)
assert round(var, 3) == 0.411 and round(math.sqrt(var), 2) == 0.64
p0 = (1 - r) ** n
p1 = n * r * (1 - r) ** (n - 1)
assert round(p1, 3) == 0.281
assert round(1 - p0 - p1, 3) == 0.065
# exact binomial tail agrees
tail = sum(math.comb(n, k) * r ** k * (1 - r) ** (n - k) for k in range(2, n + 1))
assert abs(tail - (1 - p0 - p1)) < 1e-12
assert round(1 - math.exp(-0.42) * 1.42, 3) == 0.067
assert round(ok ** 50, 3) == 0.346
# heterogeneous stores, same mean
assert abs(0.8 * 0.96 + 0.2 * 0.81 - 0.93) < 1e-12
assert round(0.96 ** 20, 3) == 0.442 and round(0.81 ** 20, 3) == 0.015
mix = 0.8 * 0.96 ** 20 + 0.2 * 0.81 ** 20
assert round(mix, 3) == 0.357 and mix > p_found ** n
print("ok")
