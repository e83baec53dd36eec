assert 100_000 / 20 == 5_000
prefetch_kb = 120 * (1 + 5) * 10
assert prefetch_kb == 7_200  # about 7 MB per batch
print("ok")
