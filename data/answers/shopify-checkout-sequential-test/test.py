from answer import *

import math
import numpy as np

rng = np.random.default_rng(5)
p0, per_day, days, tau2 = 0.45, 100_000, 14, 0.003**2
sims = 4000


def run(delta):
    """Simulate daily cumulative (d_hat, var) for sims experiments; return rejections."""
    naive = seq = 0
    # Daily differences of arm means: normal approximation to the binomial counts.
    sd_day = math.sqrt(2 * p0 * (1 - p0) / per_day)
    daily = rng.normal(delta, sd_day, size=(sims, days))
    cum = np.cumsum(daily, axis=1) / np.arange(1, days + 1)
    for s in range(sims):
        looks = [(cum[s, k], 2 * p0 * (1 - p0) / (per_day * (k + 1))) for k in range(days)]
        z = [d / math.sqrt(v) for d, v in looks]
        naive += any(abs(x) > 1.959964 for x in z)
        seq += always_valid_p(looks, tau2)[-1] < 0.05
    return naive / sims, seq / sims


naive_fp, seq_fp = run(0.0)
assert 0.16 < naive_fp < 0.25, naive_fp  # "about 20%, not 5%"
assert seq_fp <= 0.05, seq_fp  # always valid under daily looks
naive_tp, seq_tp = run(0.003)
assert seq_tp > 0.8, seq_tp  # a real 0.3 pp lift is still found within 14 days

# The p-value never rises, and Lambda is 1 at no evidence.
ps = always_valid_p([(0.01, 1e-4), (0.0, 1e-4), (0.02, 5e-5)], tau2)
assert ps == sorted(ps, reverse=True)
assert abs(msprt_lambda(0.0, 1.0, 0.0) - 1.0) < 1e-12
print("ok")
