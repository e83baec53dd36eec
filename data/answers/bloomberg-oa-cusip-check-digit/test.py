from answer import *

import random

for cusip in ["037833100", "594918104", "38259P508", "02079K305", "88160R101", "46625H100"]:
    assert check_digit(cusip[:8]) == int(cusip[8]), cusip

valid, errors = classify(["037833100", " 594918104 ", "88160r101", "037833100", "037833101",
                          "03783310", "0378331000", "03783$100", "03783310X", ""])
assert valid == ["037833100", "594918104", "88160R101"], valid
assert errors == {"037833101": "check digit", "03783310": "length", "0378331000": "length",
                  "03783$100": "character", "03783310X": "character", "": "length"}, errors

# every single-character change of the body is caught
rng = random.Random(5)
alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*@#"
for _ in range(500):
    body = "".join(rng.choice(alphabet) for _ in range(8))
    good = body + str(check_digit(body))
    assert classify([good]) == ([good], {})
    i = rng.randrange(8)
    c = rng.choice([a for a in alphabet if a != body[i]])
    bad_body = body[:i] + c + body[i + 1:]
    if check_digit(bad_body) == check_digit(body):
        # only possible when the digit sums collide (e.g. values differing by 9 or a multiple of 10)
        continue
    assert classify([bad_body + good[8]])[1] == {bad_body + good[8]: "check digit"}
# any single mistyped digit changes the check digit; a letter can collide with a digit
for _ in range(500):
    body = "".join(rng.choice("0123456789") for _ in range(8))
    i = rng.randrange(8)
    c = rng.choice([d for d in "0123456789" if d != body[i]])
    assert check_digit(body[:i] + c + body[i + 1:]) != check_digit(body)
assert check_digit("A3783310") == check_digit("13783310")
print("ok")
