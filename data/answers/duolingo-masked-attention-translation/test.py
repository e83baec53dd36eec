from answer import *

import math
import warnings
import numpy as np

warnings.simplefilter("error")  # a NaN or overflow warning fails the test


def reference(q, k, v, mask):
    """One query at a time, with plain Python loops."""
    B, Tq, d = q.shape
    Tk, dv = k.shape[1], v.shape[2]
    out = np.zeros((B, Tq, dv))
    w = np.zeros((B, Tq, Tk))
    for b in range(B):
        for i in range(Tq):
            allowed = [j for j in range(Tk) if mask[b, i, j]]
            if not allowed:
                continue
            s = {j: sum(q[b, i, x] * k[b, j, x] for x in range(d)) / math.sqrt(d) for j in allowed}
            m = max(s.values())
            z = sum(math.exp(s[j] - m) for j in allowed)
            for j in allowed:
                w[b, i, j] = math.exp(s[j] - m) / z
                out[b, i] += w[b, i, j] * v[b, j]
    return out, w


rng = np.random.default_rng(7)
for trial in range(200):
    B, Tq, Tk = rng.integers(1, 4), rng.integers(1, 6), rng.integers(1, 6)
    d, dv = rng.integers(1, 5), rng.integers(1, 4)
    q = rng.normal(size=(B, Tq, d)) * rng.choice([0.1, 1, 10])
    k = rng.normal(size=(B, Tk, d))
    v = rng.normal(size=(B, Tk, dv))
    mask = rng.random((B, Tq, Tk)) < 0.7
    out, w = attention(q, k, v, mask)
    ref_out, ref_w = reference(q, k, v, mask)
    assert out.shape == (B, Tq, dv) and w.shape == (B, Tq, Tk)
    assert np.allclose(w, ref_w, atol=1e-9) and np.allclose(out, ref_out, atol=1e-9)
    assert np.all(w[~mask] == 0.0)                     # masked keys get exactly zero weight
    sums = w.sum(axis=-1)
    has_key = mask.any(axis=-1)
    assert np.allclose(sums[has_key], 1.0)             # every row with a key sums to 1
    assert np.all(sums[~has_key] == 0) and np.all(out[~has_key] == 0)  # no NaN for empty rows

# No mask: plain softmax attention.
q, k, v = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 5, 2))
out, w = attention(q, k, v)
ref_out, ref_w = reference(q, k, v, np.ones((2, 3, 5), dtype=bool))
assert np.allclose(out, ref_out) and np.allclose(w, ref_w)

# Huge scores do not overflow.
q = np.full((1, 1, 2), 1e4)
k = np.array([[[1e4, 1e4], [0.0, 0.0]]])
v = np.array([[[1.0], [2.0]]])
out, w = attention(q, k, v)
assert np.allclose(w, [[[1.0, 0.0]]]) and np.allclose(out, [[[1.0]]])

# Padding and causal masks.
pm = padding_mask([3, 1], 4)
assert pm.shape == (2, 1, 4)
assert pm[0, 0].tolist() == [True, True, True, False] and pm[1, 0].tolist() == [True, False, False, False]
cm = causal_mask(3)
assert cm.tolist() == [[True, False, False], [True, True, False], [True, True, True]]

# Decoder self-attention: causal and padding together; changing a future or padded key changes nothing.
B, T, d = 2, 5, 4
x = rng.normal(size=(B, T, d))
mask = causal_mask(T)[None] & padding_mask([5, 3], T)
out, w = attention(x, x, x, mask)
assert np.all(np.triu(w[0], 1) == 0)
assert np.all(w[1][:, 3:] == 0)
x2 = x.copy()
x2[1, 3:] = 100.0          # padded positions of sentence 1
x2[0, 4] = -50.0           # the last position of sentence 0
out2, _ = attention(x2, x2, x2, mask)
assert np.allclose(out2[1, :3], out[1, :3])
assert np.allclose(out2[0, :4], out[0, :4])

# Broadcast of one mask over heads: (B, H, T, d) inputs with a (B, 1, 1, T) mask.
qh = rng.normal(size=(2, 3, 4, 8))
mh = padding_mask([4, 2], 4)[:, None]
out, w = attention(qh, qh, qh, mh)
assert w.shape == (2, 3, 4, 4) and np.all(w[1, :, :, 2:] == 0)
assert np.allclose(w.sum(-1), 1.0)
print("ok")
