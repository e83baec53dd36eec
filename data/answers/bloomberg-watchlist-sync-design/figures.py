# Back-of-the-envelope figures for watchlist sync.
items = 1_000_000 * 5 * 100
assert items == 500_000_000
assert items * 32 / 1e9 == 16.0           # GB
edits_per_day = 1_000_000 * 20
assert round(edits_per_day / 86_400) == 231  # about 230 per second
print("ok")
