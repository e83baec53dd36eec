from answer import *

assert round(100 * posterior(0.002, (0.9, 0.01)), 1) == 15.3
assert round(100 * posterior(0.002, (0.9, 0.01), (0.8, 0.02)), 1) == 87.8
assert round(100 * posterior(0.004, (0.9, 0.01)), 1) == 26.5
assert posterior(0.3) == 0.3 or abs(posterior(0.3) - 0.3) < 1e-12  # no signal: the prior

# Counts per million payments.
fraud = 1_000_000 * 0.002
assert round(0.9 * fraud) == 1800 and round(0.01 * (1_000_000 - fraud)) == 9980
assert round(0.9 * fraud + 0.01 * (1_000_000 - fraud)) == 11780

# Decision threshold.
assert round(100 * 5 / 70, 1) == 7.1

# Agrees with a direct Bayes computation.
p = 0.9 * 0.002 / (0.9 * 0.002 + 0.01 * 0.998)
assert abs(posterior(0.002, (0.9, 0.01)) - p) < 1e-12
print("ok")
