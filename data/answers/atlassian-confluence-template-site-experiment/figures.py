# Cluster-randomised sample size for the template experiment.
# (statistics imports the stdlib module "numbers", which this file's name shadows: use math.erf)
import math

phi = lambda x: 0.5 * (1 + math.erf(x / math.sqrt(2)))
z975, z80 = 1.959964, 0.841621
assert abs(phi(z975) - 0.975) < 1e-6 and abs(phi(z80) - 0.80) < 1e-6
z = z975 + z80
assert round(z * z, 3) == 7.849
p1, p2 = 0.30, 0.31
var = p1 * (1 - p1) + p2 * (1 - p2)
assert round(var, 4) == 0.4239
n = z * z * var / (p2 - p1) ** 2
assert round(n, -2) == 33_300
de = 1 + (25 - 1) * 0.05
assert abs(de - 2.2) < 1e-12
assert round(n * de, -2) == 73_200
sites = n * de / 25
assert round(sites, -1) == 2_930
assert round(2 * sites, -1) == 5_860
assert round(de ** 0.5, 1) == 1.5
de_cv = 1 + ((1 ** 2 + 1) * 25 - 1) * 0.05
assert abs(de_cv - 3.45) < 1e-12
assert round(n * de_cv / 25, -1) == 4_590
print("ok")
