import math

lam, t = 0.3, 5
assert round(1 / lam, 2) == 3.33
p0 = math.exp(-lam * t)
assert round(p0, 3) == 0.223
assert round(1 - p0, 3) == 0.777
assert round(p0 * 1.5 ** 2 / 2, 3) == 0.251
capped = (1 - p0) / lam
assert round(capped, 2) == 2.59
# numeric check of the capped expectation
steps = 200_000
integral = sum(math.exp(-lam * (i + 0.5) * t / steps) for i in range(steps)) * t / steps
assert abs(integral - capped) < 1e-9
assert round(1 - math.exp(-lam * 0.8 * t), 3) == 0.699
assert round(1 - math.exp(-lam * 2), 3) == 0.451
assert round(math.log(10) / lam, 1) == 7.7
assert round(1 - math.exp(-2 * lam * t), 3) == 0.950
print("ok")
