# Transfer and rollout arithmetic for the residency migration.
total_bytes = 400e12
link = 10e9 / 8                       # 10 Gbit/s in bytes per second
assert link == 1.25e9
seconds = total_bytes / link
assert seconds == 320_000
assert round(seconds / 86_400, 1) == 3.7
assert round(20_000 / 60) == 333
print("ok")
