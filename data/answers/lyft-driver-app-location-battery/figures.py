battery_mw_h = 15_000  # 15 Wh in mWh


def pct_per_hour(mw):
    return mw / battery_mw_h * 100


naive = 150 + 400 + 50
assert naive == 600 and pct_per_hour(naive) == 4.0
near = 150 + 400 * 8.5 / 16 + 50
assert round(near, 1) == 412.5 and round(pct_per_hour(near), 2) == 2.75
far = 40 + 400 * 8.5 / 30 + 30
assert round(far) == 183 and round(pct_per_hour(far), 1) == 1.2
mix = 0.3 * 1.2 + 0.4 * 2.75 + 0.1 * 4.0 + 0.2 * 2.75
assert round(mix, 1) == 2.4 and round(mix * 10) == 24 and pct_per_hour(naive) * 10 == 40
assert pct_per_hour(near) < 3 and pct_per_hour(far) < 3
assert 16 * 10 == 160
assert 300_000 / 4 == 75_000 and round(300_000 / 16, -3) == 19_000
print("ok")
