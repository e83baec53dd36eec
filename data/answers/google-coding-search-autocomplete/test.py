from answer import *

import random
from collections import Counter

a = Autocomplete()
for q in ["weather", "weather", "web", "wealth", "weather tomorrow", "web", "wedding", "zoo"]:
    a.record(q)
assert a.suggest("we") == ["weather", "web", "wealth"]  # 2, 2 (alphabetical), then ties by name
assert a.suggest("weather") == ["weather", "weather tomorrow"]
assert a.suggest("x") == []
assert a.suggest("") == ["weather", "web", "wealth"]

rng = random.Random(6)
words = ["a", "ab", "abc", "abd", "b", "ba", "bab", "abcd"]
a, counts = Autocomplete(), Counter()
for _ in range(2000):
    w = rng.choice(words)
    a.record(w)
    counts[w] += 1
    p = rng.choice(["", "a", "ab", "abc", "b", "ba", "z"])
    want = sorted((q for q in counts if q.startswith(p)), key=lambda q: (-counts[q], q))[:3]
    assert a.suggest(p) == want, (p, a.suggest(p), want)
print("ok")
