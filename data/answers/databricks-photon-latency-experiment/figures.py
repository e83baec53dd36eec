# The sample size with the query fingerprint as the cluster.
import math

sigma2, m, rho = 1.5**2, 200, 0.6
delta = math.log(1.03)
assert round(delta, 4) == 0.0296
z2 = (1.96 + 0.84) ** 2
v = rho * sigma2 + (1 - rho) * sigma2 / m
assert round(v, 3) == 1.354, v
per_arm = 2 * z2 * v / delta**2
assert round(per_arm, -2) == 24_300, per_arm
independent = 2 * z2 * sigma2 / delta**2
assert round(independent, -2) == 40_400, independent
assert round(per_arm * m / 1e6, 1) == 4.9
assert round(1 + (m - 1) * rho) == 120
assert round(per_arm * (1 - 0.9**2), -2) == 4_600
print("ok")
