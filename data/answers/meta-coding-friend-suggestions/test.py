from answer import *

g = {1: {2, 3, 4}, 2: {1, 5, 6}, 3: {1, 5, 6}, 4: {1, 6, 7}, 5: {2, 3}, 6: {2, 3, 4}, 7: {4}}
assert suggest(g, 1, 3) == [6, 5, 7]  # 6 has 3 mutual friends, 5 has 2, 7 has 1
assert suggest(g, 1, 1) == [6]
assert suggest(g, 7, 5) == [1, 6]  # ties by smaller id
assert suggest(g, 99, 3) == []
assert suggest(g, 1, 0) == []
for cand in suggest(g, 2, 10):
    assert cand != 2 and cand not in g[2]
print("ok")
