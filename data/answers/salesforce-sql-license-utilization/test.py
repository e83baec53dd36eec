from answer import *

import math
import pandas as pd

licenses = pd.DataFrame(
    [(1, "Sales Cloud", 10), (1, "Service Cloud", 4), (2, "Sales Cloud", 5), (3, "Sales Cloud", 2), (4, "Sales Cloud", 0)],
    columns=["org_id", "license_type", "seats_purchased"])
users = pd.DataFrame(
    [(101, 1, "Sales Cloud", 1), (102, 1, "Sales Cloud", 1), (103, 1, "Sales Cloud", 1), (104, 1, "Sales Cloud", 0),
     (105, 1, "Service Cloud", 1), (106, 1, "Service Cloud", 1), (301, 3, "Sales Cloud", 1), (302, 3, "Sales Cloud", 1),
     (401, 4, "Sales Cloud", 1)],
    columns=["user_id", "org_id", "license_type", "is_active"])
logins = pd.DataFrame(
    [(101, "2026-11-03 09:00:00"), (101, "2026-11-20 09:00:00"), (102, "2026-10-31 23:59:00"),
     (103, "2026-11-30 23:00:00"), (104, "2026-11-05 10:00:00"), (105, "2026-11-02 08:00:00"),
     (105, "2026-11-09 08:00:00"), (301, "2026-11-01 00:00:00"), (302, "2026-11-15 12:00:00"),
     (401, "2026-11-10 12:00:00")],
    columns=["user_id", "login_at"])

out = license_utilization(licenses, users, logins)
assert list(out.columns) == ["org_id", "license_type", "seats_purchased", "assigned_users", "monthly_active", "utilization_pct"]
rows = [tuple(r) for r in out.itertuples(index=False)]
want = [(1, "Sales Cloud", 10, 3, 2, 20.0), (1, "Service Cloud", 4, 2, 1, 25.0), (2, "Sales Cloud", 5, 0, 0, 0.0),
        (3, "Sales Cloud", 2, 2, 2, 100.0), (4, "Sales Cloud", 0, 1, 1, None)]
for got, exp in zip(rows, want):
    assert got[:5] == exp[:5], (got, exp)
    assert (math.isnan(got[5]) if exp[5] is None else got[5] == exp[5]), (got, exp)
assert len(rows) == len(want)

# No logins at all: everyone inactive, nothing breaks.
empty = license_utilization(licenses, users, logins.iloc[0:0])
assert empty["monthly_active"].sum() == 0 and empty["assigned_users"].tolist() == [3, 2, 0, 2, 1]
print("ok")
