pairs = 80_000 * 40_000
assert pairs * 40 == 128_000_000_000  # 128 GB of state
changes = 0.05 * 1_500_000_000
assert changes == 75_000_000
assert round(changes / 86_400, -1) == 870
assert round(10_000_000 / 86_400, -1) == 120
assert 30_000 * 50 == 1_500_000
per_store_bytes = 40_000 * 2 / 8
assert per_store_bytes == 10_000  # 10 KB
assert per_store_bytes * 80_000 == 800_000_000  # 800 MB
print("ok")
