from answer import *

import itertools
import math
import numpy as np


def make_model(vocab_size, seed):
    """A random but fixed next-token distribution for every prefix."""
    rng = np.random.default_rng(seed)
    table = {}

    def step(prefix):
        if prefix not in table:
            x = rng.normal(size=vocab_size) * 2
            table[prefix] = x - np.log(np.exp(x).sum())
        return table[prefix]
    return step


def all_sequences(vocab_size, eos, max_len):
    """Every sequence beam search can return: ends at its first eos, or is max_len long."""
    for n in range(1, max_len + 1):
        for toks in itertools.product(range(vocab_size), repeat=n):
            if eos in toks[:-1]:
                continue
            if toks[-1] == eos or n == max_len:
                yield toks


def exhaustive(step, vocab_size, eos, max_len, alpha=0.0, n_best=1):
    out = []
    for toks in all_sequences(vocab_size, eos, max_len):
        lp = sum(step(toks[:i])[toks[i]] for i in range(len(toks)))
        out.append((toks, lp / len(toks) ** alpha))
    out.sort(key=lambda c: (-c[1], c[0]))
    return out[:n_best]


def same(a, b):
    return [t for t, _ in a] == [t for t, _ in b] and all(abs(x - y) < 1e-9 for (_, x), (_, y) in zip(a, b))


for seed in range(60):
    V = 2 + seed % 3
    L = 1 + seed % 4
    eos = seed % V
    step = make_model(V, seed)
    alpha = [0.0, 0.6, 1.0][seed % 3]
    n_best = 1 + seed % 3
    # A beam wide enough to keep everything is exhaustive search.
    got = beam_search(step, V, eos, V ** L, L, alpha=alpha, n_best=n_best)
    want = exhaustive(step, V, eos, L, alpha=alpha, n_best=n_best)
    assert same(got, want), (seed, got, want)
    # Any beam returns valid sequences with their true scores, never better than the optimum.
    for w in (1, 2, 3):
        res = beam_search(step, V, eos, w, L, alpha=alpha, n_best=n_best)
        assert 1 <= len(res) <= n_best
        for toks, score in res:
            assert 1 <= len(toks) <= L and eos not in toks[:-1]
            assert toks[-1] == eos or len(toks) == L
            lp = sum(step(toks[:i])[toks[i]] for i in range(len(toks)))
            assert abs(score - lp / len(toks) ** alpha) < 1e-9
        assert res[0][1] <= want[0][1] + 1e-9
        assert [s for _, s in res] == sorted((s for _, s in res), reverse=True)

# Width 1 is greedy decoding.
step = make_model(4, 99)
toks = ()
while len(toks) < 5 and (not toks or toks[-1] != 0):
    toks += (int(np.argmax(step(toks))),)
assert beam_search(step, 4, 0, 1, 5)[0][0] == toks

# A case where greedy loses and a beam of 2 wins: token 1 looks best first but leads nowhere good.
L = math.log
probs = {(): [0.0, 0.55, 0.45], (1,): [0.5, 0.25, 0.25], (2,): [0.9, 0.05, 0.05]}
def toy(prefix):
    p = probs.get(prefix, [1.0, 0.0, 0.0])
    return np.log(np.maximum(p, 1e-300))
greedy = beam_search(toy, 3, 0, 1, 3)[0]
beam = beam_search(toy, 3, 0, 2, 3)[0]
assert greedy[0] == (1, 0) and abs(greedy[1] - (L(0.55) + L(0.5))) < 1e-12
assert beam[0] == (2, 0) and abs(beam[1] - (L(0.45) + L(0.9))) < 1e-12

# Length normalisation: with alpha 0 the short answer wins, with alpha 1 the longer, likelier-per-token one.
probs2 = {(): [0.4, 0.6], (1,): [0.2, 0.8], (1, 1): [0.8, 0.2], (1, 1, 1): [1.0, 0.0]}
def toy2(prefix):
    return np.log(np.maximum(probs2.get(prefix, [1.0, 0.0]), 1e-300))
assert beam_search(toy2, 2, 0, 4, 4, alpha=0.0)[0][0] == (0,)
assert beam_search(toy2, 2, 0, 4, 4, alpha=1.0)[0][0] == (1, 1, 0)
print("ok")
