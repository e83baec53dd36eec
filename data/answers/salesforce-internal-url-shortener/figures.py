space = 62 ** 7
assert round(space / 1e12, 1) == 3.5
links = 20_000 * 365 * 10
assert links == 73_000_000
p = links / space
assert 2.0e-5 < p < 2.2e-5, p                        # about 2 in 100,000
assert links * 500 / 1e9 == 36.5                      # GB at 500 bytes a row: about 37
assert round(2_000_000 / 86_400) == 23               # redirects per second on average
print("ok")
