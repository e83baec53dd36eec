pairs = 80_000 * 40_000
assert pairs == 3_200_000_000
assert round(10_000_000 / pairs * 100, 1) == 0.3  # percent of pairs labelled per day
scored = int(0.15 * pairs)
assert scored == 480_000_000
cpu_seconds = scored * 20e-6
assert round(cpu_seconds) == 9_600
# a few dozen cores finish a pass in minutes: 48 cores -> 200 s
assert cpu_seconds / 48 == 200
print("ok")
