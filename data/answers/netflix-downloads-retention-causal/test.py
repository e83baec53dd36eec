from answer import *

import numpy as np

rng = np.random.default_rng(21)
n = 60_000
engagement = rng.normal(0, 1, n)
mobile = (rng.random(n) < 0.6).astype(float)
# Engaged, mobile members download more and cancel less; downloading itself cuts cancellation by 1 point.
logit = -0.5 + 1.2 * engagement + 0.8 * mobile
t = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(float)
p_cancel = np.clip(0.09 - 0.025 * engagement - 0.01 * mobile - 0.01 * t, 0.001, 0.999)
y = (rng.random(n) < p_cancel).astype(float)

naive = y[t == 1].mean() - y[t == 0].mean()
e = propensity(np.column_stack([engagement, mobile]), t)
est = ipw_effect(y, t, e)
assert naive < -0.03, naive  # the dashboard's comparison overstates the effect
assert abs(est - (-0.01)) < 0.006, est  # weighting recovers about -1 point
assert np.all((e > 0) & (e < 1))

# Balance after weighting: standardised mean difference of engagement below 0.1.
keep = (e > 0.05) & (e < 0.95)
w = np.where(t == 1, 1 / e, 1 / (1 - e))[keep]
g, tt = engagement[keep], t[keep]
m1 = np.average(g[tt == 1], weights=w[tt == 1])
m0 = np.average(g[tt == 0], weights=w[tt == 0])
assert abs(m1 - m0) / g.std() < 0.1
print("ok")
