import math

z = 1.959964 + 0.841621                 # z for two-sided alpha 0.05 and for 80% power
assert round(z ** 2, 2) == 7.85, z ** 2
p, delta = 0.40, 0.02
n_user = z ** 2 * 2 * p * (1 - p) / delta ** 2          # users per arm if users were independent
assert round(n_user) == 9419, n_user

m, icc = 50, 0.05
de = 1 + (m - 1) * icc
assert round(de, 2) == 3.45
orgs = n_user * de / m
assert math.ceil(orgs) == 650, orgs                     # orgs per arm, equal sizes

cv = 1.5                                                # org sizes vary a lot
de_cv = 1 + ((cv ** 2 + 1) * m - 1) * icc
assert round(de_cv, 3) == 9.075, de_cv
orgs_cv = n_user * de_cv / m
assert math.ceil(orgs_cv) == 1710, orgs_cv              # per arm: 3,420 of the 4,000 orgs
assert 2 * math.ceil(orgs_cv) <= 4000

# Naive user-level analysis: the standard error is too small by sqrt(DE).
assert round(math.sqrt(de), 2) == 1.86
# CUPED with a pre-period correlation of 0.6 at the org level removes 36% of the variance.
assert round(math.ceil(orgs_cv) * (1 - 0.6 ** 2)) == 1094
print("ok")
