from answer import *

import math

# The numbers in the solution.
assert round(math.exp(2.10), 1) == 8.2
assert round(pct_change(-0.35)) == -30
assert round(pct_change(-0.20)) == -18
assert round(pct_change(-0.35, -0.15)) == -39
assert round(2**0.4, 2) == 1.32
assert pct_change(0) == 0
print("ok")
