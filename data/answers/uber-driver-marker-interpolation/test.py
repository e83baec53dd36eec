from answer import *

ups = [(0, 37.0, -122.0), (4000, 37.001, -122.0), (8000, 37.001, -121.999)]
assert car_pose([], 5000) is None
lat, lng, h = car_pose(ups, 6000)  # render time 2000: halfway along the first leg, heading north
assert abs(lat - 37.0005) < 1e-9 and lng == -122.0 and abs(h - 0) < 1e-6
lat, lng, h = car_pose(ups, 10000)  # render time 6000: halfway along the second leg, heading east
assert abs(lng - (-121.9995)) < 1e-9 and abs(h - 90) < 0.1
assert car_pose(ups, 3000, last_heading=45) == (37.0, -122.0, 45)  # before the first update
assert car_pose(ups, 20000, last_heading=12) == (37.001, -121.999, 12)  # no newer data: hold
# Standing still keeps the last heading instead of spinning.
still = [(0, 37.0, -122.0), (4000, 37.0, -122.0)]
assert car_pose(still, 6000, last_heading=200)[2] == 200
assert abs(bearing(0, 0, -1, 0) - 180) < 1e-9 and abs(bearing(0, 0, 0, -1) - 270) < 1e-9
print("ok")
