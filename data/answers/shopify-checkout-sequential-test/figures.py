z = 1.959964 + 0.841621
n = 2 * z**2 * 0.45 * 0.55 / 0.003**2
assert round(n, -3) == 432_000, n  # "about 432,000 buyers per arm"
assert abs(n / 100_000 - 4.3) < 0.1  # "about 4.3 days"
print("ok")
