from answer import *

import random

P = {"PAY", "OPS"}
assert issue_keys(["PAY-12 fix rounding", "feature/pay-12-retry", "see OPS-7 and UTF-8", "xPAY-3 PAY-04"], P) \
    == ["PAY-12", "OPS-7"]
assert issue_keys([], P) == [] and issue_keys([""], P) == []
assert issue_keys(["bugfix-PAY-1", "(OPS-2)", "https://acme.example/browse/PAY-3", "PAY-4a", "PAY-0"], P) \
    == ["PAY-1", "OPS-2", "PAY-3"]
assert issue_keys(["PAY-5,OPS-6", "OPS-6 PAY-5"], P) == ["PAY-5", "OPS-6"]
assert issue_keys(["AB2-5 and A_B-6 and SHA-256"], {"ab2", "A_B"}) == ["AB2-5", "A_B-6"]
assert issue_keys(["PAY-12_x", "PAY_X-1"], P) == []


def brute(texts, projects):
    projects = {p.upper() for p in projects}
    word = lambda c: c.isascii() and (c.isalnum() or c == "_")
    out = []
    for t in texts:
        for i in range(len(t)):
            if not (t[i].isascii() and t[i].isalpha()) or (i > 0 and word(t[i - 1])):
                continue
            j = i
            while j < len(t) and word(t[j]):
                j += 1
            # the project part may not contain the hyphen; try every split where a '-' follows
            k = j
            if k < len(t) and t[k] == "-":
                d = k + 1
                e = d
                while e < len(t) and t[e].isdigit():
                    e += 1
                if e > d and t[d] != "0" and (e == len(t) or not word(t[e])):
                    key = t[i:k].upper() + "-" + t[d:e]
                    if t[i:k].upper() in projects and key not in out:
                        out.append(key)
    return out


rng = random.Random(8)
alphabet = ["PAY", "pay", "OPS", "X", "-", "1", "0", "12", "/", " ", "a", "_", "("]
for _ in range(3000):
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(1, 3))]
    assert issue_keys(texts, P) == brute(texts, P), texts
print("ok")
