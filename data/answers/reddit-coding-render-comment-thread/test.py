from answer import *

import random


def C(id, parent, score, created):
    return {"id": id, "parent": parent, "score": score, "created": created}


thread = [
    C("a", None, 10, 1), C("b", None, 25, 2), C("c", "a", 3, 3), C("d", "a", 3, 4),
    C("e", "c", 7, 5), C("f", "e", 1, 6), C("g", "x-deleted", 4, 7), C("h", "f", 2, 8),
]
assert render_thread(thread, 10) == [
    (0, "b"), (0, "a"), (1, "c"), (2, "e"), (3, "f"), (4, "h"), (1, "d"), (0, "g")]
# Depth limit: e is at depth 2, its replies f and h fold into one link.
assert render_thread(thread, 2) == [
    (0, "b"), (0, "a"), (1, "c"), (2, "e"), (3, "more:e:2"), (1, "d"), (0, "g")]
assert render_thread(thread, 0) == [
    (0, "b"), (0, "a"), (1, "more:a:5"), (0, "g")]
assert render_thread([], 3) == []

# Ties: equal scores show the older comment first.
assert render_thread([C("y", None, 5, 9), C("x", None, 5, 3)], 3) == [(0, "x"), (0, "y")]

# A 50,000-deep chain of replies renders without recursion.
n = 50000
chain = [C(str(i), str(i - 1) if i else None, 1, i) for i in range(n)]
out = render_thread(chain, 8)
assert out[:9] == [(i, str(i)) for i in range(9)] and out[9] == (9, f"more:8:{n - 9}") and len(out) == 10
assert len(render_thread(chain, n)) == n


def reference(comments, max_depth):
    ids = {c["id"] for c in comments}
    def kids(p):
        return sorted((c for c in comments if (c["parent"] if c["parent"] in ids else None) == p),
                      key=lambda c: (-c["score"], c["created"], c["id"]))
    def size(cid):
        return sum(1 + size(k["id"]) for k in kids(cid))
    out = []
    def walk(c, d):
        out.append((d, c["id"]))
        if kids(c["id"]) and d == max_depth:
            out.append((d + 1, f"more:{c['id']}:{size(c['id'])}"))
        elif d < max_depth:
            for k in kids(c["id"]):
                walk(k, d + 1)
    for c in kids(None):
        walk(c, 0)
    return out


random.seed(3)
for _ in range(300):
    n = random.randint(0, 25)
    comments = []
    for i in range(n):
        r = random.random()
        parent = None if i == 0 or r < 0.25 else ("gone" if r < 0.3 else str(random.randrange(i)))
        comments.append(C(str(i), parent, random.randint(0, 4), random.randint(0, 5)))
    random.shuffle(comments)
    md = random.randint(0, 5)
    got = render_thread(comments, md)
    assert got == reference(comments, md)
    visible = [x for _, x in got if not x.startswith("more:")]
    hidden = sum(int(x.split(":")[2]) for _, x in got if x.startswith("more:"))
    assert len(visible) + hidden == n
# The example in the solution.
example = [C("a", None, 10, 1), C("b", None, 25, 2), C("c", "a", 3, 3), C("d", "a", 3, 4), C("e", "c", 1, 5)]
assert [x for _, x in render_thread(example, 10)] == ["b", "a", "c", "e", "d"]
assert render_thread(example, 0) == [(0, "b"), (0, "a"), (1, "more:a:3")]
print("ok")
