# Recompute the feed-loss figures.
import math

p, n = 0.0005, 2000
none = (1 - p) ** n
assert abs(none - 0.3678) < 1e-4 and abs((1 - none) - 0.632) < 1e-3
assert abs(n * math.log(1 - p) + 1.00025) < 1e-5
assert n * p == 1.0 and round(1 / p) == 2000

both = p * p
assert abs(both - 2.5e-7) < 1e-15
burst = 1 - (1 - both) ** n
assert abs(burst - 5.0e-4) < 1e-6

day = 50_000_000 * both
assert abs(day - 12.5) < 1e-9
assert abs(math.exp(-day) - 3.7e-6) < 0.05e-6

corr = p * 0.8
assert abs(corr - 4e-4) < 1e-15
assert round(corr / both) == 1600
assert round(50_000_000 * corr) == 20_000
print("ok")
