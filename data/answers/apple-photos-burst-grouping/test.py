from answer import *

photos = [("c", 3), ("a", 0), ("b", 2), ("d", 10), ("e", 11), ("f", 30), ("g", 31), ("h", 33), ("i", 35)]
assert bursts(photos) == [[("a", 0), ("b", 2), ("c", 3)], [("f", 30), ("g", 31), ("h", 33), ("i", 35)]]
assert bursts([]) == []
assert bursts([("x", 0), ("y", 3), ("z", 6)]) == []  # gaps of 3 seconds: no burst
assert bursts([("x", 5), ("y", 5), ("z", 5)]) == [[("x", 5), ("y", 5), ("z", 5)]]  # same second
# The distance helper for the moments follow-up.
assert abs(km((0, 0), (0, 1)) - 111.19) < 0.1
assert km((48.85, 2.35), (48.85, 2.35)) == 0
print("ok")
