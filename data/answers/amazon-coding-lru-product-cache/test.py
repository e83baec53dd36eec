from answer import *

import random
from collections import OrderedDict

c = LRUCache(2)
c.put("p1", "shoe")
c.put("p2", "hat")
assert c.get("p1") == "shoe"  # p1 is now most recent
c.put("p3", "bag")  # evicts p2
assert c.get("p2") is None
assert c.get("p3") == "bag"
c.put("p1", "boot")  # update refreshes
c.put("p4", "cap")  # evicts p3
assert c.get("p3") is None and c.get("p1") == "boot" and c.get("p4") == "cap"
z = LRUCache(0)
z.put("x", 1)
assert z.get("x") is None

# Against a reference model.
rng = random.Random(1)
for cap in (1, 2, 5):
    c, ref = LRUCache(cap), OrderedDict()
    for _ in range(3000):
        k = rng.randrange(8)
        if rng.random() < 0.5:
            got = c.get(k)
            want = ref.get(k)
            if k in ref:
                ref.move_to_end(k)
            assert got == want
        else:
            c.put(k, k * 10 + rng.randrange(3))
            v = c.get(k)
            ref[k] = v
            ref.move_to_end(k)
            while len(ref) > cap:
                ref.popitem(last=False)
    assert len(c.map) <= cap
print("ok")
