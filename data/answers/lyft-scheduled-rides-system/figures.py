per_day = int(2_000_000 * 0.03)
assert per_day == 60_000
live = per_day * 7
assert live == 420_000 and live * 2_000 < 1e9
peak = per_day // 3
assert peak == 20_000
assert round(peak / (3 * 3600), 1) == 1.9  # about 2 per second
print("ok")
