from answer import *

assert free_slots([[(540, 600), (720, 780)], [(590, 660)]], 30) == [(660, 720), (780, 1020)]
assert free_slots([], 60) == [(540, 1020)]
assert free_slots([[(500, 1100)]], 1) == []
assert free_slots([[(600, 630)]], 60) == [(540, 600), (630, 1020)]
assert free_slots([[(600, 630)]], 61) == [(630, 1020)]
# Unsorted, overlapping, outside the window.
assert free_slots([[(900, 960), (480, 560)], [(1000, 1200), (620, 700), (650, 660)]], 30) == [(560, 620), (700, 900), (960, 1000)]
# A meeting ending exactly at the start of the next free slot.
assert free_slots([[(540, 600)], [(600, 660)]], 30) == [(660, 1020)]
print("ok")
