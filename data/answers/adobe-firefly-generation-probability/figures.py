import math

q = 0.9 ** 4                                     # a request (4 images) with no keeper
assert round(1 - q, 4) == 0.3439
assert round(1 / (1 - q), 2) == 2.91             # expected requests until a keeper
assert round(q ** 5, 4) == 0.1216                # more than 5 requests needed
assert q ** 5 == 0.9 ** 20 or abs(q ** 5 - 0.9 ** 20) < 1e-15
assert round(q ** 25 * 1e5, 2) == 2.66           # 25 credits, no keeper: 2.66 in 100,000

# Half the users keep 18% of images, half 2%: the same 10% on average.
q_good, q_bad = 0.82 ** 4, 0.98 ** 4
assert round(1 - q_good, 3) == 0.548 and round(1 - q_bad, 3) == 0.078
more_than_5 = 0.5 * q_good ** 5 + 0.5 * q_bad ** 5
assert round(more_than_5, 2) == 0.34, more_than_5
assert round(1 / (1 - q_bad), 1) == 12.9         # requests a struggling user needs on average
assert round(q_bad ** 25, 2) == 0.13             # struggling users who run out of credits
assert round(0.5 * q_bad ** 25 + 0.5 * q_good ** 25, 3) == 0.066
print("ok")
