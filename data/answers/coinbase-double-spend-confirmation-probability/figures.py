import math


def catch_up(q, z):
    """Probability an attacker with hash share q ever erases a deficit of z blocks."""
    p = 1 - q
    return 1.0 if q >= p else (q / p) ** z


def nakamoto(q, z):
    """Attacker success after the merchant waits z confirmations (Poisson approximation)."""
    p = 1 - q
    lam = z * q / p
    s = 1.0
    for k in range(z + 1):
        poisson = math.exp(-lam) * lam ** k / math.factorial(k)
        s -= poisson * (1 - (q / p) ** (z - k))
    return s


def exact(q, z):
    """Same, with the attacker's progress negative-binomial instead of Poisson (Rosenfeld)."""
    p = 1 - q
    if z == 0:
        return 1.0
    return 1 - sum(math.comb(m + z - 1, m) * (p ** z * q ** m - q ** z * p ** m) for m in range(z + 1))


def needed(q, target, f=nakamoto):
    z = 0
    while f(q, z) >= target:
        z += 1
    return z


# Part 1: gambler's ruin.
assert round(catch_up(0.1, 1), 4) == 0.1111
assert round(catch_up(0.1, 6), 7) == 0.0000019
assert round(catch_up(0.3, 6), 4) == 0.0062
assert catch_up(0.5, 100) == 1.0

# Part 2: Nakamoto's figures.
assert round(nakamoto(0.1, 1), 7) == 0.2045873
assert round(nakamoto(0.1, 6), 7) == 0.0002428
assert round(nakamoto(0.3, 6), 4) == 0.1321, nakamoto(0.3, 6)
assert round(exact(0.1, 6), 5) == 0.00059, exact(0.1, 6)
assert round(exact(0.3, 6), 3) == 0.156, exact(0.3, 6)
assert round(nakamoto(0.2, 6), 3) == 0.014 and round(exact(0.2, 6), 3) == 0.023
assert round(exact(0.1, 6) / catch_up(0.1, 6), -2) == 300     # the head start's effect
assert [needed(q, 0.001) for q in (0.10, 0.20, 0.30)] == [5, 11, 24]
assert [needed(q, 0.001, exact) for q in (0.10, 0.20, 0.30)] == [6, 13, 32], [needed(q, 0.001, exact) for q in (0.10, 0.20, 0.30)]

# Part 3: expected loss and the confirmation policy.
assert round(nakamoto(0.1, 6) * 5_000_000) == 1214
assert round(exact(0.1, 6) * 5_000_000, -3) == 3000
assert round(exact(0.3, 6) * 5_000_000, -3) == 782_000
assert 2 * 32 * 12 / 60 == 12.8      # Ethereum finality: two epochs of 32 twelve-second slots
print("ok")
