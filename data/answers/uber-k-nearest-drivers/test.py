from answer import *

import random

rider = (37.7749, -122.4194)
drivers = [("far", 37.80, -122.27), ("near", 37.7750, -122.4195), ("mid", 37.78, -122.41), ("other", 40.71, -74.0)]
assert k_closest(rider, drivers, 2) == ["near", "mid"]
assert k_closest(rider, drivers, 10) == ["near", "mid", "far", "other"]
assert k_closest(rider, [], 3) == []
assert abs(haversine_km(0, 0, 0, 1) - 111.195) < 0.01
assert abs(haversine_km(51.5074, -0.1278, 48.8566, 2.3522) - 343.6) < 0.5  # London-Paris
rng = random.Random(1)
ds = [(i, rng.uniform(37, 38), rng.uniform(-123, -122)) for i in range(2000)]
want = [d[0] for d in sorted(ds, key=lambda d: haversine_km(*rider, d[1], d[2]))[:7]]
assert k_closest(rider, ds, 7) == want
print("ok")
