# The sample-size arithmetic in the solution.
n = 2 * (1.96 + 0.84) ** 2 * 60**2 / (0.005 * 52) ** 2
assert round(n, -3) == 835_000, n
assert 0.02 <= n / 40e6 <= 0.021  # "about 2% of DAU"
assert round(0.51 * 835_000, -3) == 426_000  # CUPED with rho = 0.7: 1 - 0.49
assert round((50 / 60) ** 2, 2) == 0.69
assert round(0.51 * 0.69 * 835_000, -3) == 294_000  # "about 294k"
print("ok")
