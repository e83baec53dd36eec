rate, latency = 300, 0.040
assert round(rate * latency) == 12          # connections busy on average (Little's law)
assert round(8 / latency) == 200            # capacity per host with a pool of 8
assert round(64 / latency) == 1600          # capacity before the change
assert 8 / latency < rate < 64 / latency
assert 3 * rate == 900 and 3 * 2.0 == 6.0   # retries: demand and the 6 s p99 signature
print("ok")
