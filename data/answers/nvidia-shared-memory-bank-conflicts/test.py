from answer import *

assert conflict_degree([t * 32 + 5 for t in range(32)]) == 32  # column of a 32x32 tile
assert conflict_degree([t * 33 + 5 for t in range(32)]) == 1  # padded to 33
assert conflict_degree([5 * 32 + t for t in range(32)]) == 1  # row read
assert conflict_degree([7] * 32) == 1  # broadcast
assert conflict_degree([2 * t for t in range(32)]) == 2  # stride 2: two words per bank
assert conflict_degree([None] * 32) == 0
assert conflict_degree([0, 32, None, 64]) == 3
print("ok")
