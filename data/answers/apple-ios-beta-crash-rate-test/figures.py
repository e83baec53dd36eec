import math

ra, rb = 1840 / 2.30, 1310 / 1.45
assert round(ra) == 800 and round(rb, 1) == 903.4
rr = rb / ra
assert round(rr, 3) == 1.129
se = math.sqrt(1 / 1840 + 1 / 1310)
assert round(se, 4) == 0.0362
z = math.log(rr) / se
assert round(z, 2) == 3.36
p = math.erfc(z / math.sqrt(2))
assert 0.0007 < p < 0.0009
lo, hi = math.exp(math.log(rr) - 1.96 * se), math.exp(math.log(rr) + 1.96 * se)
assert (round(lo, 2), round(hi, 2)) == (1.05, 1.21)
# Conditional test.
share = 1.45 / 3.75
exp_b = 3150 * share
sd = math.sqrt(3150 * share * (1 - share))
assert round(exp_b) == 1218 and round(sd, 1) == 27.3
assert round((1310 - exp_b) / sd, 2) == 3.37
print("ok")
