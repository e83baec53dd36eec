from answer import *

import math
import numpy as np
import pandas as pd

rng = np.random.default_rng(8)
rows = []
for c in range(24):
    treated = int(c < 4)
    base = rng.uniform(20_000, 200_000)
    for w in range(12):
        post = int(w >= 6)
        season = 0.04 * post + 0.002 * w  # summer demand lifts every city
        effect = 0.046 * treated * post
        y = base * math.exp(season + effect + rng.normal(0, 0.005))
        rows.append((f"city{c}", w, treated, post, y))
df = pd.DataFrame(rows, columns=["city", "week", "treated", "post", "supply_hours"])

est = did(df)
assert abs(est - 0.046) < 0.01, est
assert round(math.log(1.09) - math.log(1.04), 3) == 0.047  # the figure in the solution

es = event_study(df)
assert abs(es[5]) < 1e-12  # reference week
assert max(abs(es[w]) for w in range(6)) < 0.01  # flat before launch
assert min(es[w] for w in range(6, 12)) > 0.03  # a step after it

# A pre-existing trend in treated cities shows up in the event study.
trend = df.copy()
trend.loc[trend.treated == 1, "supply_hours"] *= np.exp(0.01 * trend.loc[trend.treated == 1, "week"])
es2 = event_study(trend)
assert es2[0] < -0.04

assert math.comb(20, 4) == 4845
print("ok")
