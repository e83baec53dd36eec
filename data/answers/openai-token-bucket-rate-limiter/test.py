from answer import *

rl = RateLimiter({"org": (2, 1000)})  # 2 requests and 1,000 tokens per minute
assert rl.allow("org", 400, 0) == (True, 0.0)
assert rl.allow("org", 400, 0) == (True, 0.0)
ok, wait = rl.allow("org", 100, 0)  # RPM exhausted
assert not ok and abs(wait - 30) < 1e-9  # one request refills in 60 / 2 s
req, tok = rl.buckets["org"]
assert abs(tok.level - 200) < 1e-9  # a rejected request consumed nothing
assert rl.allow("org", 100, 30) == (True, 0.0)
# The wait is the longer of the two buckets' waits.
ok, wait = rl.allow("org", 900, 31)
req, tok = rl.buckets["org"]
assert not ok and abs(wait - max((1 - req.level) / (2 / 60), (900 - tok.level) / (1000 / 60))) < 1e-9
assert abs(wait - 29) < 1e-9  # here RPM binds: one request a 30 s
rl2 = RateLimiter({"o": (100, 1000)})
assert rl2.allow("o", 1000, 0) == (True, 0.0)
ok, wait = rl2.allow("o", 500, 6)  # TPM binds: 500 - 100 refilled tokens at 1000/60 per second
assert not ok and abs(wait - 400 / (1000 / 60)) < 1e-9
# Settling refunds the unused estimate, never above capacity.
before = tok.level
rl.settle("org", 400, 150)
assert abs(tok.level - min(1000, before + 250)) < 1e-9
rl.settle("org", 10_000, 0)
assert tok.level == 1000
# A clock going backwards does not mint tokens.
lvl = tok.level
tok.level = 0
tok.refill(10)
assert tok.level == 0
try:
    rl.allow("org", 5000, 100)
    raise AssertionError("an impossible request was accepted")
except ValueError:
    pass
print("ok")
