# Fan-out arithmetic for the price distribution design.
msgs = 325_000 * 200
assert msgs == 65_000_000
bytes_per_s = msgs * 40
assert bytes_per_s / 1e9 == 2.6            # GB/s
assert round(bytes_per_s * 8 / 1e9) == 21  # Gbit/s
assert msgs / 100 == 650_000               # messages per gateway
assert 325_000 / 100 == 3_250              # desktops per gateway
assert 1000 / 4 == 250                     # ms between updates of one cell at 4 per second
print("ok")
