from answer import *

import io
import random

import pandas as pd

csv = """trade_id,symbol,ts,price,size,cond,ref_id
9001,IBM,2026-11-30T14:30:00.120Z,250.10,100,,
9002,IBM,2026-11-30T14:30:00.950Z,250.30,50,,
9007,IBM,2026-11-30T14:30:59.999Z,250.00,200,,
9010,IBM,2026-11-30T14:31:02.000Z,0,100,C,9002
"""
bars = minute_bars(pd.read_csv(io.StringIO(csv)))
assert len(bars) == 1
b = bars.iloc[0]
assert (b["symbol"], b["open"], b["high"], b["low"], b["close"], b["volume"], b["trades"]) == \
    ("IBM", 250.10, 250.10, 250.00, 250.00, 300, 2)
assert abs(b["vwap"] - 250.0333) < 1e-4
assert str(b["minute"]) == "2026-11-30 14:30:00+00:00"

# out of order, ties on timestamp, minute boundary, bad rows, cancel listed before its trade
csv2 = """trade_id,symbol,ts,price,size,cond,ref_id
5,AAA,2026-11-30T14:31:00.000Z,10,1,,
3,AAA,2026-11-30T14:30:10.000Z,12,2,,
1,AAA,2026-11-30T14:30:10.000Z,11,1,,
8,BBB,2026-11-30T14:30:05.000Z,0,5,,
20,BBB,2026-11-30T14:30:01.000Z,0,0,C,9
9,BBB,2026-11-30T14:30:06.000Z,7,5,,
10,BBB,2026-11-30T14:30:07.000Z,8,5,,
"""
bars = minute_bars(pd.read_csv(io.StringIO(csv2)))
rows = [tuple(r) for r in bars[["symbol", "open", "close", "volume", "trades"]].itertuples(index=False)]
assert rows == [("AAA", 11, 12, 3, 2), ("AAA", 10, 10, 1, 1), ("BBB", 8, 8, 5, 1)], rows


def brute(rows):
    cancelled = {r["ref_id"] for r in rows if r["cond"] == "C"}
    out = {}
    for r in sorted(rows, key=lambda r: (r["symbol"], r["ts"], r["trade_id"])):
        if r["cond"] == "C" or r["trade_id"] in cancelled or r["price"] <= 0 or r["size"] <= 0:
            continue
        key = (r["symbol"], r["ts"] // 60000)
        b = out.setdefault(key, [r["price"], r["price"], r["price"], r["price"], 0, 0.0, 0])
        b[1] = max(b[1], r["price"]); b[2] = min(b[2], r["price"]); b[3] = r["price"]
        b[4] += r["size"]; b[5] += r["price"] * r["size"]; b[6] += 1
    return [(k[0], k[1], b[0], b[1], b[2], b[3], b[4], b[5] / b[4], b[6]) for k, b in sorted(out.items())]


rng = random.Random(3)
base = pd.Timestamp("2026-11-30T14:30:00Z")
for trial in range(40):
    rows = []
    for i in range(1, rng.randint(1, 120)):
        rows.append({"trade_id": i, "symbol": rng.choice(["AA", "BB", "CC"]), "ts": rng.randrange(0, 300000),
                     "price": rng.choice([0, 10, 11, 12.5, 13]), "size": rng.randint(0, 9), "cond": None, "ref_id": None})
    for j in range(rng.randint(0, 10)):
        rows.append({"trade_id": 1000 + j, "symbol": "AA", "ts": rng.randrange(0, 300000), "price": 0, "size": 0,
                     "cond": "C", "ref_id": rng.randint(1, 130)})
    rng.shuffle(rows)
    df = pd.DataFrame(rows)
    df["ts"] = [(base + pd.Timedelta(milliseconds=t)).isoformat() for t in df["ts"]]
    got = minute_bars(df)
    want = brute(rows)
    assert len(got) == len(want), (trial, len(got), len(want))
    for g, w in zip(got.itertuples(index=False), want):
        assert g.symbol == w[0] and int((g.minute - base).total_seconds() // 60) == w[1]
        assert (g.open, g.high, g.low, g.close, g.volume, g.trades) == (w[2], w[3], w[4], w[5], w[6], w[8])
        assert abs(g.vwap - w[7]) < 1e-9
print("ok")
