import math
import random   # numbers.py must not import numpy, statistics or decimal: they import the
                # standard module `numbers`, which this file's name shadows


def Phi(x):
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def hit_prob(b, nu, sigma, T):
    """P(a Brownian motion with drift nu and volatility sigma falls b below its start by time T)."""
    s = sigma * math.sqrt(T)
    return Phi((-b - nu * T) / s) + math.exp(-2 * nu * b / sigma ** 2) * Phi((-b + nu * T) / s)


# Part 1: where the call is.
shares, price, loan, maint = 1000, 40.0, 20_000.0, 0.25
call_price = loan / (shares * (1 - maint))
assert round(call_price, 2) == 26.67
assert round(1 - call_price / price, 3) == 0.333
b = math.log(price / call_price)
assert round(b, 3) == 0.405 and abs(b - math.log(1.5)) < 1e-12

# Part 2: no drift, 2% daily volatility.
sd = 0.02
year = sd * math.sqrt(252)
assert round(year, 3) == 0.317
assert round(b / year, 2) == 1.28
end_below = Phi(-b / year)
touch = 2 * end_below
assert round(end_below, 3) == 0.101 and round(touch, 2) == 0.20
assert abs(hit_prob(b, 0.0, sd, 252) - touch) < 1e-12
quarter = 2 * Phi(-b / (sd * math.sqrt(63)))
assert round(quarter, 3) == 0.011
# A meme stock at 4% a day: the quarter looks like the calm stock's year.
assert round(2 * Phi(-b / (0.04 * math.sqrt(63))), 2) == 0.20

# Part 3: 8% a year expected return.
nu = 0.08 / 252 - sd ** 2 / 2                  # drift of the log price per day
assert round(nu * 252, 4) == 0.0296
drift_touch = hit_prob(b, nu, sd, 252)
assert round(drift_touch, 2) == 0.18, drift_touch
ever = math.exp(-2 * nu * b / sd ** 2)
assert round(ever, 2) == 0.79, ever

# Monte Carlo check with daily closes: discrete monitoring sees fewer touches than continuous.
rng = random.Random(15)
hits = 0
n_paths = 6000
for _ in range(n_paths):
    x = 0.0
    for _ in range(252):
        x += rng.gauss(0.0, sd)                     # the log price of part 2, no drift
        if x <= -b:
            hits += 1
            break
mc = hits / n_paths
assert 0.17 < mc < 0.205, mc                  # continuous monitoring said 0.20
shifted = 2 * Phi(-(b + 0.5826 * sd) / year)    # Broadie-Glasserman shift of the barrier
assert round(shifted, 2) == 0.19
assert abs(mc - shifted) < 0.015
print("ok")
