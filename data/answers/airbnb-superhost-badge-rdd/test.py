from answer import *

import numpy as np

rng = np.random.default_rng(4)
n = 80_000
rating = np.clip(rng.normal(4.75, 0.12, n), 4.0, 5.0)
# Bookings rise smoothly with rating; the badge adds 1.5 bookings a quarter.
eligible_other = rng.random(n) < 0.7
badge = ((rating >= 4.8) & eligible_other) | (rng.random(n) < 0.05)
bookings = 10 + 8 * (rating - 4.8) + 1.5 * badge + rng.normal(0, 2, n)

naive = bookings[badge].mean() - bookings[~badge].mean()
jump_badge = local_jump(rating, badge.astype(float), 4.8, 0.1)
est = fuzzy_rd(rating, bookings, badge.astype(float), 4.8, 0.1)
assert naive > 2.0, naive  # better hosts: the raw comparison overstates the effect
assert 0.55 < jump_badge < 0.75, jump_badge  # the threshold moves about 2 in 3 hosts
assert abs(est - 1.5) < 0.35, est

# No jump where there is no threshold.
placebo = local_jump(rating, bookings, 4.65, 0.1)
assert abs(placebo) < 0.4, placebo
print("ok")
