from answer import *

# The example in the solution: overlapping roles count once.
positions = [((2018, 1), (2019, 12)), ((2019, 6), None), ((2020, 3), (2021, 2))]
assert total_months(positions, (2020, 6)) == 30
assert total_months([], (2020, 6)) == 0
assert total_months([((2020, 1), (2020, 3))], (2024, 1)) == 3  # inclusive months
# Touching ranges (Mar, then Apr) merge without double counting.
assert total_months([((2020, 1), (2020, 3)), ((2020, 4), (2020, 5))], (2024, 1)) == 5
assert total_months([((2020, 1), (2020, 3)), ((2020, 5), (2020, 5))], (2024, 1)) == 4
# Future starts are skipped; future ends stop at today.
assert total_months([((2030, 1), None)], (2024, 1)) == 0
assert total_months([((2023, 11), (2030, 1))], (2024, 1)) == 3
try:
    total_months([((2020, 13), None)], (2024, 1))
    raise AssertionError("month 13 accepted")
except ValueError:
    pass
print("ok")
