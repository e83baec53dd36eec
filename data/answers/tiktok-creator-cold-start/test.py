from answer import *

import random

random.seed(1)
# With no data the samples centre on the prior; with data they move to the observed rate.
prior = [sample_score(0.3, 20, 0, 0) for _ in range(20000)]
assert abs(sum(prior) / len(prior) - 0.3) < 0.01
post = [sample_score(0.3, 20, 300, 500) for _ in range(20000)]
mean = sum(post) / len(post)
assert abs(mean - (0.3 * 20 + 300) / (20 + 500)) < 0.005
assert all(0 <= x <= 1 for x in post)
# More views make the samples tighter: exploration fades as evidence accumulates.
few = [sample_score(0.3, 20, 6, 10) for _ in range(5000)]
many = [sample_score(0.3, 20, 600, 1000) for _ in range(5000)]
spread = lambda xs: max(xs) - min(xs)
assert spread(many) < spread(few)
print("ok")
