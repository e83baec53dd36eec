# The hiring funnel arithmetic.
import math

offers = math.ceil(4 / 0.75)
onsites = math.ceil(offers / 0.25)
screens = math.ceil(onsites / 0.40)
assert (offers, onsites, screens) == (6, 24, 60)
hours = onsites * 5 + screens * 1
assert hours == 180
assert hours / 5 == 36  # hours for each of the five engineers
print("ok")
