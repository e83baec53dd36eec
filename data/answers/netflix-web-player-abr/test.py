from answer import *

ladder = [235, 750, 1750, 3000, 5800]


def seg(kbps, ms=4000):
    return (kbps * ms // 8, ms)  # bytes that took ms at kbps


assert next_bitrate(ladder, [], 0, 235) == 235  # cold start
fast = [seg(8000)] * 5
assert next_bitrate(ladder, fast, 30, 1750) == 3000  # climb one rung at a time
assert next_bitrate(ladder, fast, 12, 1750) == 1750  # hold while the buffer is below 20 s
assert next_bitrate(ladder, fast, 5, 3000) == 3000  # danger zone never climbs
slow = [seg(1000)] * 5
assert next_bitrate(ladder, slow, 30, 3000) == 750  # step down at once (0.85 x 1000 kbps)
assert next_bitrate(ladder, slow, 5, 3000) == 235  # danger zone: 70% of the estimate
# The harmonic mean resists one fast outlier.
mixed = [seg(1000)] * 4 + [seg(50000)]
assert next_bitrate(ladder, mixed, 30, 750) == 750
assert next_bitrate(ladder, [(1000, 0)], 30, 750) == 235  # zero-duration samples ignored
print("ok")
