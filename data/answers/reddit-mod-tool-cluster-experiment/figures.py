import math

# Design effect of analysing 2 M reports as independent.
m, icc = 5000, 0.05
de = 1 + (m - 1) * icc
assert round(de) == 251
assert round(2_000_000 / de, -3) == 8000
assert round(math.sqrt(de)) == 16

# Minimum detectable effect with 200 communities per arm.
# (statistics.NormalDist cannot be imported from a file named numbers.py: it shadows the stdlib module.)
def phi(x):
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))
z_a, z_b = 1.959964, 0.841621
assert abs(phi(z_a) - 0.975) < 1e-6 and abs(phi(z_b) - 0.80) < 1e-6
z = z_a + z_b
assert round(z, 2) == 2.80
mde = z * 0.9 * math.sqrt(2 / 200)
assert round(mde, 3) == 0.252
assert round(math.exp(-mde), 2) == 0.78 and round(1 - math.exp(-mde), 2) == 0.22

# CUPED with a pre-period correlation of 0.8.
sd = 0.9 * math.sqrt(1 - 0.8 ** 2)
assert round(sd, 2) == 0.54
mde_cuped = z * sd * math.sqrt(2 / 200)
assert round(mde_cuped, 3) == 0.151
assert round(math.exp(-mde_cuped), 2) == 0.86 and round(1 - math.exp(-mde_cuped), 2) == 0.14
print("ok")
