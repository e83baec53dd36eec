import math

pa, pb = 1200 / 80000, 1380 / 80000
p = 2580 / 160000
se_pooled = math.sqrt(p * (1 - p) * (2 / 80000))
assert round(se_pooled, 6) == 0.00063
z = (pb - pa) / se_pooled
assert round(z, 2) == 3.57, z
pval = math.erfc(z / math.sqrt(2))
assert round(pval, 4) == 0.0004, pval
se = math.sqrt(pa * (1 - pa) / 80000 + pb * (1 - pb) / 80000)
lo, hi = (pb - pa) - 1.96 * se, (pb - pa) + 1.96 * se
assert (round(100 * lo, 2), round(100 * hi, 2)) == (0.1, 0.35), (lo, hi)
print("ok")
