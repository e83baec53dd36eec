from answer import *

import math
import numpy as np

assert abs(rm_loss([0.0], [0.0]) - math.log(2)) < 1e-12  # no preference: log 2
assert rm_loss([3.0], [0.0]) < rm_loss([1.0], [0.0]) < rm_loss([0.0], [1.0])
# Stable for large margins.
assert rm_loss([1000.0], [0.0]) < 1e-12
assert abs(rm_loss([0.0], [1000.0]) - 1000.0) < 1e-9
d = np.array([0.5, -1.0, 2.0])
want = np.mean([-math.log(1 / (1 + math.exp(-x))) for x in d])
assert abs(rm_loss(d, np.zeros(3)) - want) < 1e-12
print("ok")
