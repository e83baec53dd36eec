from answer import *

import numpy as np

rng = np.random.default_rng(0)
y = rng.gamma(6, 6, 20_000)  # delivery minutes, skewed
# Over constant predictions, the pinball loss with tau = 0.75 is minimised at the 75th percentile:
# late minutes cost 3x early ones, and 3 / (3 + 1) = 0.75.
grid = np.linspace(10, 80, 701)
losses = [pinball(y, c) for c in grid]
best = grid[int(np.argmin(losses))]
assert abs(best - np.quantile(y, 0.75)) < 0.2, (best, np.quantile(y, 0.75))
assert pinball(np.array([10.0]), np.array([10.0])) == 0
assert pinball(np.array([12.0]), np.array([10.0])) == 0.75 * 2  # late by 2
assert pinball(np.array([8.0]), np.array([10.0])) == 0.25 * 2  # early by 2
print("ok")
