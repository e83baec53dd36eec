from answer import *

import random

import numpy as np
import pandas as pd

T = pd.Timestamp

sessions = pd.DataFrame({"driver_id": [1], "online_start": [T("2026-11-20 17:30")],
                         "online_end": [T("2026-11-20 19:15")]})
rides = pd.DataFrame({"ride_id": [1, 2, 3], "driver_id": [1, 1, 1],
                      "accepted_at": [T("2026-11-20 17:40"), T("2026-11-20 18:05"), T("2026-11-20 19:10")],
                      "dropoff_at": [T("2026-11-20 18:10"), T("2026-11-20 18:25"), T("2026-11-20 19:30")]})
out = utilisation_by_hour(sessions, rides)
assert list(out.index) == list(range(24))
assert out.loc[17, "online_hours"] == 0.5 and abs(out.loc[17, "engaged_hours"] - 20 / 60) < 1e-12
assert abs(out.loc[18, "engaged_hours"] - 25 / 60) < 1e-12
assert [round(out.loc[h, "utilisation"], 2) for h in (17, 18, 19)] == [0.67, 0.42, 0.33]
assert np.isnan(out.loc[3, "utilisation"]) and out.loc[3, "online_hours"] == 0

# split_by_hour on a single interval across midnight
parts = split_by_hour([T("2026-11-20 23:20")], [T("2026-11-21 01:05")])
assert list(parts["seconds"]) == [2400.0, 3600.0, 300.0]
assert len(split_by_hour([T("2026-11-20 10:00")], [T("2026-11-20 10:00")])) == 0

# Randomised comparison with a second-by-second simulation.
day0 = T("2026-11-20 00:00")
rng = random.Random(4)
SPAN = 2 * 86400
for trial in range(25):
    srows, rrows = [], []
    online_mask, busy_mask = {}, {}
    for d in range(1, rng.randint(1, 4) + 1):
        on = np.zeros(SPAN, bool)
        t = rng.randint(0, 20000)
        while t < SPAN - 4000:
            a = t
            b = min(SPAN - 1, a + rng.randint(600, 20000))
            srows.append((d, day0 + pd.Timedelta(seconds=a), day0 + pd.Timedelta(seconds=b)))
            on[a:b] = True
            t = b + rng.randint(1, 15000)
        busy = np.zeros(SPAN, bool)
        for r in range(rng.randint(0, 25)):
            a = rng.randint(0, SPAN - 7200)
            b = a + rng.randint(0, 5400)
            rrows.append((len(rrows), d, day0 + pd.Timedelta(seconds=a), day0 + pd.Timedelta(seconds=b)))
            busy[a:b] = True
        online_mask[d], busy_mask[d] = on, busy & on
    sessions = pd.DataFrame(srows, columns=["driver_id", "online_start", "online_end"])
    rides = pd.DataFrame(rrows, columns=["ride_id", "driver_id", "accepted_at", "dropoff_at"])
    got = utilisation_by_hour(sessions, rides)
    hour_of = (np.arange(SPAN) // 3600) % 24
    for h in range(24):
        on_s = sum(int(m[hour_of == h].sum()) for m in online_mask.values())
        busy_s = sum(int(m[hour_of == h].sum()) for m in busy_mask.values())
        assert abs(got.loc[h, "online_hours"] - on_s / 3600) < 1e-9, (trial, h)
        assert abs(got.loc[h, "engaged_hours"] - busy_s / 3600) < 1e-9, (trial, h)
print("ok")
