edits = 20_000_000 * 40
assert edits == 800_000_000
assert round(edits / 86_400, -2) == 9300             # edits per second on average
assert edits * 1000 / 1e9 == 800                     # GB of operations a day at 1 KB each
print("ok")
