# Notification volume for the watcher digest.
per_hour = 1_000_000 * 4
per_second = per_hour / 3600
assert round(per_second, -2) == 1100
assert round(1100 * 300, -4) == 330_000
print("ok")
