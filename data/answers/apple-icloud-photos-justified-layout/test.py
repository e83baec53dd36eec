from answer import *

ratios = [1.5, 0.67, 1.0, 1.33, 1.78, 0.75, 1.0, 1.5]
W, H, g = 1000, 200, 4
rows = justify(ratios, W, H, g)
assert sum(len(r) for r in rows) == len(ratios)
flat = [p for r in rows for p in r]
for (w, h), r in zip(flat, ratios):
    assert abs(w / h - r) < 1e-9  # aspect ratios kept
for row in rows[:-1]:
    width = sum(w for w, _ in row) + g * (len(row) - 1)
    assert abs(width - W) < 1e-6  # full rows fill the width exactly
    assert len({round(h, 9) for _, h in row}) == 1  # one height per row
    assert row[0][1] <= H  # shrunk to fit, never stretched beyond the target
assert all(h == H for _, h in rows[-1])  # last row left at the target height
assert justify([], W, H, g) == []
# A single very wide panorama fills a row alone.
assert len(justify([10.0], 1000, 200)[0]) == 1
print("ok")
