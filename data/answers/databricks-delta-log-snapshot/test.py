from answer import *


def add(p, size=1):
    return {"add": {"path": p, "size": size}}


def rm(p):
    return {"remove": {"path": p}}


commits = {
    0: [{"metaData": {"schema": "v1"}}, add("f0")],
    1: [add("f1")],
    2: [rm("f0"), add("f2")],
    3: [{"metaData": {"schema": "v2"}}],
    4: [rm("f1"), add("f4")],
}
full = {v: snapshot(commits, {}, v) for v in commits}
assert set(full[0][0]) == {"f0"} and full[0][1] == {"schema": "v1"}
assert set(full[2][0]) == {"f1", "f2"}
assert set(full[4][0]) == {"f2", "f4"} and full[4][1] == {"schema": "v2"}

# With a checkpoint at version 2 the answer is the same, and older commits are not needed.
cp = {2: {"files": {"f1": {"path": "f1", "size": 1}, "f2": {"path": "f2", "size": 1}}, "metaData": {"schema": "v1"}}}
trimmed = {v: a for v, a in commits.items() if v >= 2}
for v in (2, 3, 4):
    files, meta = snapshot(trimmed, cp, v)
    assert set(files) == set(full[v][0]) and meta == full[v][1]
# A checkpoint is not modified by reading through it.
snapshot(trimmed, cp, 4)
assert set(cp[2]["files"]) == {"f1", "f2"}

for bad in (7, -1):
    try:
        snapshot(commits, {}, bad)
        raise AssertionError("missing version accepted")
    except ValueError:
        pass
gap = {0: commits[0], 2: commits[2]}
try:
    snapshot(gap, {}, 2)
    raise AssertionError("gap accepted")
except ValueError as e:
    assert "gap" in str(e)
print("ok")
