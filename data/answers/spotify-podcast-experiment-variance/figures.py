# The sample sizes in the solution.
z = 1.959964 + 0.841621
n = 2 * z**2 * 90**2 / (0.03 * 42) ** 2
assert 79_000 < n < 81_000, n  # "about 80,000 users per arm"
assert round(80_000 * (1 - 0.6**2)) == 51_200
print("ok")
