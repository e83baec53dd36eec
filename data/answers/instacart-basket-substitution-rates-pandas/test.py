from answer import *

import random

import numpy as np
import pandas as pd

items = pd.DataFrame([
    # order 1 at store 10: two items, one replaced and accepted -> perfect
    (1, 10, "a", "found", None),
    (1, 10, "b", "replaced", True),
    # order 2 at store 10: a replacement without answer is fine; a repeated line, last row wins
    (2, 10, "a", "refunded", None),
    (2, 10, "a", "replaced", None),
    (2, 10, "c", "found", None),
    (2, 10, "d", "found", None),
    (2, 10, "e", "found", None),
    # order 3 at store 20: explicit rejection -> not perfect
    (3, 20, "a", "replaced", False),
    (3, 20, "b", "found", None),
    # order 4 at store 20: a refund -> not perfect
    (4, 20, "x", "refunded", None),
], columns=["order_id", "store_id", "item_id", "outcome", "replacement_accepted"])

per = order_metrics(items).set_index("order_id")
assert list(per.index) == [1, 2, 3, 4]
assert per.loc[1, "n_items"] == 2 and per.loc[2, "n_items"] == 4
assert per.loc[2, "replaced_rate"] == 0.25 and per.loc[2, "refunded_rate"] == 0
assert list(per["perfect"]) == [True, True, False, False]
assert per.loc[4, "refunded_rate"] == 1.0

st = store_metrics(items).set_index("store_id")
assert st.loc[10, "orders"] == 2 and st.loc[10, "perfect_order_rate"] == 1.0
assert abs(st.loc[10, "replaced_rate_pooled"] - 2 / 6) < 1e-12
assert abs(st.loc[10, "replaced_rate_order_mean"] - (0.5 + 0.25) / 2) < 1e-12
assert st.loc[20, "perfect_order_rate"] == 0.0

try:
    order_metrics(items.assign(outcome="partially_found"))
except ValueError:
    pass
else:
    raise AssertionError("unknown outcome accepted")

# The worked example of the pooled-vs-mean gap: 2 items with 1 replacement, 40 with 2.
ex = pd.DataFrame(
    [(1, 1, f"i{k}", "replaced" if k < 1 else "found", True if k < 1 else None) for k in range(2)]
    + [(2, 1, f"i{k}", "replaced" if k < 2 else "found", True if k < 2 else None) for k in range(40)],
    columns=items.columns)
s = store_metrics(ex).iloc[0]
assert abs(s["replaced_rate_pooled"] - 3 / 42) < 1e-12
assert abs(s["replaced_rate_order_mean"] - (0.5 + 0.05) / 2) < 1e-12

# Randomised comparison with a plain-Python reference.
rng = random.Random(3)
for trial in range(50):
    rows = []
    for _ in range(rng.randint(1, 80)):
        o = rng.randint(1, 12)
        out = rng.choice(["found", "found", "replaced", "refunded"])
        acc = rng.choice([True, False, None]) if out == "replaced" else None
        rows.append((o, o % 3, rng.choice("abcdef"), out, acc))
    df = pd.DataFrame(rows, columns=items.columns)
    last = {}
    for r in rows:
        last[(r[0], r[2])] = r
    ref = {}
    for (o, _), r in last.items():
        d = ref.setdefault(o, {"store": r[1], "n": 0, "rep": 0, "ref": 0, "bad": 0})
        d["n"] += 1
        d["rep"] += r[3] == "replaced"
        d["ref"] += r[3] == "refunded"
        d["bad"] += r[3] == "refunded" or (r[3] == "replaced" and r[4] is False)
    got = order_metrics(df).set_index("order_id")
    assert sorted(got.index) == sorted(ref)
    for o, d in ref.items():
        assert got.loc[o, "n_items"] == d["n"]
        assert abs(got.loc[o, "replaced_rate"] - d["rep"] / d["n"]) < 1e-12
        assert abs(got.loc[o, "refunded_rate"] - d["ref"] / d["n"]) < 1e-12
        assert bool(got.loc[o, "perfect"]) == (d["bad"] == 0)
    sm = store_metrics(df).set_index("store_id")
    for s_id in set(d["store"] for d in ref.values()):
        ds = [d for d in ref.values() if d["store"] == s_id]
        assert sm.loc[s_id, "orders"] == len(ds)
        assert abs(sm.loc[s_id, "replaced_rate_pooled"] - sum(d["rep"] for d in ds) / sum(d["n"] for d in ds)) < 1e-12
        assert abs(sm.loc[s_id, "perfect_order_rate"] - np.mean([d["bad"] == 0 for d in ds])) < 1e-12
print("ok")
