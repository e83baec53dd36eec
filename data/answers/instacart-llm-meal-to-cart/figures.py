tokens_per_day = 3_000 * 1_500_000
assert tokens_per_day == 4_500_000_000
assert tokens_per_day / 1e6 * 0.50 == 2_250
assert 200 * 3_000 == 600_000
# median latency: ~1 s parse + 0.15 s retrieval + 0.1 s ranking/optimisation
assert abs((1.0 + 0.15 + 0.1) - 1.25) < 1e-9 and 1.25 < 4
print("ok")
