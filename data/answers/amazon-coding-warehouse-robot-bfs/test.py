from answer import *

grid = [
    "R..#P",
    ".#.#.",
    "R...R",
    "####.",
    "R#..P",
]
d = robot_distances(grid)
assert d == {(0, 0): 8, (2, 0): 6, (2, 4): 2, (4, 0): -1}, d
assert robot_distances(["RP"]) == {(0, 0): 1}
assert robot_distances(["R#P"]) == {(0, 0): -1}
assert robot_distances([]) == {}
# Robots and stations do not block each other.
assert robot_distances(["RRP"]) == {(0, 0): 2, (0, 1): 1}
# A large open grid runs in linear time.
big = ["." * 400 for _ in range(400)]
big[0] = "P" + "." * 398 + "R"
assert robot_distances(big) == {(0, 399): 399}
print("ok")
