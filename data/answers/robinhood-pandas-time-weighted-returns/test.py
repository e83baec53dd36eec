from answer import *

import math
import random

import pandas as pd

rows = [
    (1, "2026-11-03", 1000.0, 1000.0),   # opens with a $1,000 deposit
    (1, "2026-11-04", 2100.0, 1000.0),   # +$1,000 deposit, +5% day
    (1, "2026-11-05", 1890.0, 0.0),      # -10% day
    (2, "2026-11-27", 500.0, 500.0),
    (2, "2026-11-30", 0.0, -500.0),      # withdraws everything: nothing at work
    (2, "2026-12-01", 0.0, 0.0),         # empty account
    (2, "2026-12-02", 440.0, 400.0),     # comes back: +10%
]
snap = pd.DataFrame(rows, columns=["account_id", "date", "end_value", "net_flow"]).sample(frac=1, random_state=1)
d = daily_returns(snap)
acct1 = d[d.account_id == 1]["ret"].round(6).tolist()
assert acct1 == [0.0, 0.05, -0.1], acct1
assert d[d.account_id == 2]["ret"].isna().tolist() == [False, True, True, False]
m = monthly_twr(snap)
got = {(r.account_id, r.month): round(r.twr, 6) for r in m.itertuples()}
assert got == {(1, "2026-11"): -0.055, (2, "2026-11"): 0.0, (2, "2026-12"): 0.1}, got
# The naive figure from the prompt, and the dollar P&L.
assert round((1890 - 1000) / 1000, 2) == 0.89 and 1890 - 1000 - 1000 == -110
assert round(100 * -110 / (1000 + 2 / 3 * 1000), 1) == -6.6       # modified Dietz in the solution
assert len(snap) == 7 and "ret" not in snap.columns            # input untouched


def loop_twr(rows):
    """Plain-Python reference: one account at a time, in date order."""
    out = {}
    by_acct = {}
    for a, day, v, f in rows:
        by_acct.setdefault(a, []).append((day, v, f))
    for a, days in by_acct.items():
        prev = 0.0
        for day, v, f in sorted(days):
            base = prev + f
            r = v / base - 1 if base > 0 else 0.0
            key = (a, day[:7])
            out[key] = out.get(key, 1.0) * (1 + r)
            prev = v
    return {k: g - 1 for k, g in out.items()}


rng = random.Random(8)
for _ in range(60):
    rows = []
    for a in range(1, rng.randint(2, 5)):
        value = 0.0
        for day in sorted(rng.sample(range(1, 60), rng.randint(1, 25))):
            date = (pd.Timestamp("2026-10-15") + pd.Timedelta(days=day)).strftime("%Y-%m-%d")
            flow = rng.choice([0.0, 0.0, 0.0, 100.0, 250.0, -value])
            value = max(0.0, (value + flow) * rng.uniform(0.9, 1.1))
            rows.append((a, date, value, flow))
    df = pd.DataFrame(rows, columns=["account_id", "date", "end_value", "net_flow"])
    want = loop_twr(rows)
    got = {(r.account_id, r.month): r.twr for r in monthly_twr(df).itertuples()}
    assert got.keys() == want.keys()
    for k in want:
        assert math.isclose(got[k], want[k], rel_tol=1e-9, abs_tol=1e-12), (k, got[k], want[k])
print("ok")
