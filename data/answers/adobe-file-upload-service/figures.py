uploads, size = 10_000_000, 5e6                 # per day, average bytes
per_day = uploads * size
assert per_day == 50e12                          # 50 TB a day
assert round(uploads / 86_400) == 116            # uploads per second on average
bytes_s = per_day / 86_400
assert round(bytes_s / 1e6) == 579               # MB/s
assert round(bytes_s * 8 / 1e9, 1) == 4.6        # Gbit/s on average
assert round(3 * bytes_s * 8 / 1e9) == 14        # at a 3x peak
assert round(per_day * 365 / 1e15, 1) == 18.2    # PB a year before deduplication
assert 2 * 1024 // 8 == 256                      # parts of 8 MiB in a 2 GiB file
assert uploads * 1000 * 365 / 1e12 == 3.65       # TB of metadata a year at 1 KB a row
print("ok")
