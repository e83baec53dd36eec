import math

nt, nc, sd = 1_800_000, 200_000, 6.0
d = 1.46 - 1.38
assert round(d, 2) == 0.08
assert round(math.sqrt(1 / nt + 1 / nc), 5) == 0.00236
se = sd * math.sqrt(1 / nt + 1 / nc)
assert round(se, 4) == 0.0141
assert round(d / se, 1) == 5.7
lo, hi = d - 1.96 * se, d + 1.96 * se
assert (round(lo, 3), round(hi, 3)) == (0.052, 0.108)
inc = d * nt
assert round(inc) == 144_000
assert round(lo * nt, -3) == 94_000 and round(hi * nt, -3) == 194_000
assert round(inc / 120_000, 2) == 1.2
assert (round(lo * nt / 120_000, 2), round(hi * nt / 120_000, 2)) == (0.78, 1.62)
assert round(480_000 / 120_000, 1) == 4.0
assert round(0.3 * inc) == 43_200
# ghost ads
e = 0.25
assert round(d / e, 2) == 0.32
se_e = 9 * math.sqrt(1 / (nt * e) + 1 / (nc * e))
assert round(se_e, 3) == 0.042 and round(0.32 / se_e, 1) == 7.5
assert round(se / d, 2) == 0.18 and round(se_e / 0.32, 2) == 0.13
# minimum detectable effect
mde = 2.8 * se
assert round(mde, 3) == 0.040
assert round(mde * nt, -3) == 71_000 and round(mde * nt / 120_000, 1) == 0.6
assert round(sd * math.sqrt(2 / 1_000_000), 4) == 0.0085
# a 2% holdout roughly doubles the SE
se2 = sd * math.sqrt(1 / 1_960_000 + 1 / 40_000)
assert 2.0 < se2 / se < 2.3, se2 / se
print("ok")
