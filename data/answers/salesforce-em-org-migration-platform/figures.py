assert 20_000 / 50 == 400 and round(400 / 7) == 57   # moves a week, about 60 a day
total = 20_000 * 150e9
assert total == 3e15                                 # 3 PB
week = total / 50
assert week == 60e12                                 # 60 TB a week
assert round(week / (7 * 86_400) / 1e6) == 99        # about 100 MB/s sustained
assert round(8e12 / 500e6 / 3600, 1) == 4.4          # hours to copy an 8 TB org at 500 MB/s
print("ok")
