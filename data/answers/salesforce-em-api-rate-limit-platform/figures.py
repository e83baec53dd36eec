assert round(400_000 / 60) == 6667              # calls per second per pod on average
assert 3 * 400_000 // 60 == 20_000              # a hot pod at 3x
assert 24 * 60 // 5 == 288                      # five-minute buckets in 24 hours
size = 150_000 * 288 * 16
assert round(size / 1e9, 1) == 0.7, size        # GB for every org's rolling window
print("ok")
