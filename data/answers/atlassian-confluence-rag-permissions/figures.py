# Index sizing and load for the Confluence assistant.
chunks = 2_000_000 * 8
assert chunks == 16_000_000
bytes_per_vector = 768 * 4
assert bytes_per_vector == 3072                  # ~3 KB
assert round(chunks * bytes_per_vector / 1e9) == 49
assert round(chunks * 768 / 1e9) == 12           # int8
assert 30_000 / 86_400 < 1                        # questions per second on average
print("ok")
