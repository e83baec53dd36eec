from answer import *

import numpy as np

rng = np.random.default_rng(11)
n = 200_000
# Pre-period and in-test minutes with correlation about 0.6.
x = rng.gamma(0.5, 84, n)
y = 0.6 * (x - x.mean()) * (90 / x.std()) + 42 + rng.normal(0, 90 * 0.8, n)
rho = np.corrcoef(x, y)[0, 1]
assert 0.55 < rho < 0.65, rho

adj = cuped(y, x)
# Same mean (the adjustment is centred) and variance reduced by about 1 - rho^2.
assert abs(adj.mean() - y.mean()) < 1e-9
ratio = adj.var() / y.var()
assert abs(ratio - (1 - rho**2)) < 0.01, (ratio, 1 - rho**2)

# Unbiased: add a true effect of +1.26 minutes to half the users at random.
treat = rng.random(n) < 0.5
y2 = y + 1.26 * treat
adj2 = cuped(y2, x)
est = adj2[treat].mean() - adj2[~treat].mean()
naive = y2[treat].mean() - y2[~treat].mean()
se_adj = np.sqrt(adj2[treat].var() / treat.sum() + adj2[~treat].var() / (~treat).sum())
assert abs(est - 1.26) < 4 * se_adj, est
assert se_adj < np.sqrt(y2[treat].var() / treat.sum() + y2[~treat].var() / (~treat).sum())

# Users without pre-period data are left as they are.
has = np.ones(n, bool)
has[:1000] = False
adj3 = cuped(y, x, has)
assert np.array_equal(adj3[:1000], y[:1000])
assert abs(adj3[has].mean() - y[has].mean()) < 1e-9
print("ok")
