from answer import *

import random
import pandas as pd

now = pd.Timestamp("2026-12-01 12:00")
rows = [
    # user 1: "gato" right twice (h = 4 days), last seen 6 days ago -> 2^-1.5 = 0.354
    (1, "gato", "2026-11-20 09:00", True), (1, "gato", "2026-11-25 12:00", True),
    # "perro": right once, wrong once (h = 1 day), 12 hours ago -> 2^-0.5 = 0.707, not due
    (1, "perro", "2026-11-30 08:00", True), (1, "perro", "2026-12-01 00:00", False),
    # "casa": wrong 3 times (h clipped to 0.25 days), 1 day ago -> 2^-4 = 0.0625
    (1, "casa", "2026-11-30 10:00", False), (1, "casa", "2026-11-30 11:00", False),
    (1, "casa", "2026-11-30 12:00", False),
    # "leche": right once (h = 2 days), exactly one half-life ago -> 0.5 is not below 0.5
    (1, "leche", "2026-11-29 12:00", True),
    # user 2: an event after now is ignored: "agua" was last practised 3 days ago, h = 2 -> 0.354
    (2, "agua", "2026-11-28 12:00", True), (2, "agua", "2026-12-02 08:00", True),
    # only an event after now: not in the answer at all
    (2, "pan", "2026-12-05 08:00", False),
]
log = pd.DataFrame(rows, columns=["user_id", "word", "ts", "correct"])
log["ts"] = pd.to_datetime(log["ts"])
out = words_due(log, now)
assert list(out.columns) == ["user_id", "word", "p_recall"]
got = [(u, w, round(p, 3)) for u, w, p in out.itertuples(index=False)]
assert got == [(1, "casa", 0.062), (1, "gato", 0.354), (2, "agua", 0.354)], got
assert len(words_due(log, now, top=1)) == 2
assert words_due(log.iloc[0:0], now).empty


def reference(log, now, top):
    stats = {}
    for r in log.itertuples(index=False):
        if r.ts > now:
            continue
        s = stats.setdefault((r.user_id, r.word), [None, 0, 0])
        s[0] = r.ts if s[0] is None else max(s[0], r.ts)
        s[1 if r.correct else 2] += 1
    due = {}
    for (u, w), (last, right, wrong) in stats.items():
        h = min(max(2.0 ** (right - wrong), 0.25), 64.0)
        p = 2.0 ** (-((now - last).total_seconds() / 86400) / h)
        if p < 0.5:
            due.setdefault(u, []).append((p, w))
    out = []
    for u in sorted(due):
        out += [(u, w, p) for p, w in sorted(due[u])[:top]]
    return out


random.seed(2)
words = ["uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho"]
for _ in range(30):
    rows = []
    for _ in range(random.randint(1, 120)):
        ts = now - pd.Timedelta(minutes=random.randint(-3000, 60 * 24 * 40))
        rows.append((random.randint(1, 4), random.choice(words), ts, random.random() < 0.6))
    log = pd.DataFrame(rows, columns=["user_id", "word", "ts", "correct"])
    top = random.randint(1, 6)
    got = [(u, w, p) for u, w, p in words_due(log, now, top).itertuples(index=False)]
    want = reference(log, now, top)
    assert [(u, w) for u, w, _ in got] == [(u, w) for u, w, _ in want]
    assert all(abs(a[2] - b[2]) < 1e-12 for a, b in zip(got, want))
print("ok")
