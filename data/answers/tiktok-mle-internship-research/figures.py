# The A/B test sizing in the internship answer.
import math

z = 1.96 + 0.84
sigma, delta = 0.20, 0.002  # per-user engaged-day rate: SD across users; 2% of 0.10
n = 2 * z**2 * sigma**2 / delta**2
assert round(n, -2) == 156_800, n
assert math.ceil(n / 60_000) == 3  # "that takes 3 days"
users = 14 * 60_000
se = sigma * math.sqrt(2 / users)
assert round(se, 5) == 0.00031, se
lo, hi = 0.0026 - 1.96 * se, 0.0026 + 1.96 * se
assert (round(lo / 0.10, 3), round(hi / 0.10, 3)) == (0.020, 0.032), (lo, hi)  # "+2.0% to +3.2%"
print("ok")
