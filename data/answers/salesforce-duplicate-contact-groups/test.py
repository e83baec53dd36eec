from answer import *
import random

assert normalize_email("  Ana.Silva+crm@GMail.com ") == "anasilva@gmail.com"
assert normalize_email("ana.silva@acme.com") == "ana.silva@acme.com"   # dots matter elsewhere
assert normalize_email("no-at-sign") is None and normalize_email("+x@gmail.com") is None
assert normalize_phone("+1 (415) 555-0100") == "4155550100"
assert normalize_phone("415.555.0100") == "4155550100"
assert normalize_phone("555-0100") is None and normalize_phone(None) is None

contacts = [
    (10, ["ana.silva@gmail.com"], None, "2026-01-05"),
    (11, ["AnaSilva+events@gmail.com"], "415-555-0100", "2026-02-01"),
    (12, [], "+1 415 555 0100", "2025-12-30"),        # joins through the phone: transitive
    (13, ["bo@acme.com"], "555-0100", "2026-01-01"),  # short phone is ignored
    (14, ["b.o@acme.com"], None, "2026-01-01"),       # dots matter outside gmail
    (15, ["x@acme.com", "BO@acme.com "], None, "2026-01-01"),
    (16, [], "", "2026-03-01"),
]
assert duplicate_groups(contacts) == [(12, [10, 11, 12]), (13, [13, 15])]
assert duplicate_groups([]) == []

# Master tie on created_at: the lower id wins.
assert duplicate_groups([(5, ["a@x.io"], None, "d"), (3, ["A@x.io"], None, "d")]) == [(3, [3, 5])]

def brute(contacts):
    def keys(c):
        ks = {("e", normalize_email(e)) for e in c[1]} | {("p", normalize_phone(c[2]))}
        return {k for k in ks if k[1] is not None}
    n = len(contacts)
    ks = [keys(c) for c in contacts]
    seen, out = set(), []
    for s in range(n):
        if s in seen:
            continue
        comp, stack = {s}, [s]
        while stack:
            u = stack.pop()
            for v in range(n):
                if v not in comp and ks[u] & ks[v]:
                    comp.add(v)
                    stack.append(v)
        seen |= comp
        if len(comp) > 1:
            m = min(comp, key=lambda i: (contacts[i][3], contacts[i][0]))
            out.append((contacts[m][0], sorted(contacts[i][0] for i in comp)))
    return sorted(out)

rng = random.Random(3)
locals_ = ["ana", "a.na", "ANA+x", "bo", "b.o", "cy"]
domains = ["gmail.com", "acme.com", "GMAIL.com"]
phones = [None, "", "4155550100", "1-415-555-0100", "4155550199", "555-0100"]
for _ in range(300):
    n = rng.randint(0, 12)
    ids = rng.sample(range(100), n)
    cs = []
    for i in ids:
        emails = [rng.choice(locals_) + "@" + rng.choice(domains) for _ in range(rng.randint(0, 2))]
        cs.append((i, emails, rng.choice(phones), rng.choice(["2026-01-01", "2026-01-02", "2026-01-03"])))
    assert duplicate_groups(cs) == brute(cs), cs
print("ok")
