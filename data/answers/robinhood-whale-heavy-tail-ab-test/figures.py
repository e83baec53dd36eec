import math

z = 1.959964 + 0.841621          # two-sided 5% test, 80% power
n = 500_000                      # users per arm
mean, sd = 2000.0, 40000.0       # 30-day notional per user, raw

# 1. The raw metric.
se = sd * math.sqrt(2 / n)
assert round(se, 6) == 80
mde = z * se
assert round(mde) == 224 and round(100 * mde / mean, 1) == 11.2
n_for_2pct = 2 * (z * sd / (0.02 * mean)) ** 2
assert round(n_for_2pct / 1e6, 1) == 15.7

# 2. One whale.
whale_shift = 50_000_000 / n
assert whale_shift == 100 and whale_shift / se == 1.25
assert round(100 * whale_shift / mean) == 5          # most of the +6% readout

# 3. Winsorised at the 99.9th percentile (assumed $250,000): mean 1,850, SD 9,000.
w_se = 9000 * math.sqrt(2 / n)
assert round(w_se) == 18
assert round(z * w_se, 1) == 50.4 and round(100 * z * w_se / 1850, 1) == 2.7
# CUPED with a pre-period correlation of 0.7 on top.
cuped_sd = 9000 * math.sqrt(1 - 0.7 ** 2)
assert round(cuped_sd) == 6427
assert round(100 * z * cuped_sd * math.sqrt(2 / n) / 1850, 1) == 1.9
# Share of users who trade at all (35%).
p = 0.35
b_mde = z * math.sqrt(2 * p * (1 - p) / n)
assert round(b_mde, 5) == 0.00267 and round(100 * b_mde / p, 2) == 0.76
print("ok")
