from answer import *

e = AlertEngine()
e.add_rule("r1", "ann", Above("IBM", 250))
e.add_rule("r2", "bob", MoveFromOpen("TSLA", 5), cooldown=60)
e.add_rule("r3", "cy", All(Below("AAPL", 180), Above("MSFT", 420)))
e.add_rule("r4", "cy", AnyOf(Below("AAPL", 180), Above("MSFT", 420)))
try:
    e.add_rule("r1", "x", Above("IBM", 1))
    raise SystemExit("duplicate accepted")
except ValueError:
    pass

assert e.on_tick("IBM", 249, 0) == []
assert e.on_tick("IBM", 251, 1) == [("r1", "ann")]
assert e.on_tick("IBM", 252, 2) == []              # stays true: no repeat
assert e.on_tick("IBM", 250, 3) == []              # 250 is not above 250: resets
assert e.on_tick("IBM", 260, 4) == [("r1", "ann")]

assert e.on_tick("TSLA", 200, 0) == []             # open
assert e.on_tick("TSLA", 210, 1) == []             # exactly 5%: not more
assert e.on_tick("TSLA", 189, 2) == [("r2", "bob")]
assert e.on_tick("TSLA", 200, 3) == []
assert e.on_tick("TSLA", 220, 10) == []            # crossing inside the cooldown is swallowed
assert e.on_tick("TSLA", 200, 70) == []
assert e.on_tick("TSLA", 220, 80) == [("r2", "bob")]

assert e.on_tick("AAPL", 179, 5) == [("r4", "cy")]  # MSFT unknown: the AND is false
assert e.on_tick("MSFT", 421, 6) == [("r3", "cy")]  # r4 was already true
assert e.on_tick("AAPL", 181, 7) == []
assert e.on_tick("AAPL", 170, 8) == [("r3", "cy")]

e.remove_rule("r1")
e.remove_rule("missing")
assert e.on_tick("IBM", 200, 9) == [] and e.on_tick("IBM", 300, 10) == []

# a rule created while its condition holds waits for a fresh crossing
e.add_rule("r5", "dee", Above("IBM", 250))
assert e.on_tick("IBM", 301, 11) == []
assert e.on_tick("IBM", 249, 12) == [] and e.on_tick("IBM", 251, 13) == [("r5", "dee")]
assert e.by_symbol["IBM"] == {"r5"}
print("ok")
