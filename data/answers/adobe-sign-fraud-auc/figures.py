n, prevalence = 1_000_000, 0.002
fraud = n * prevalence
legit = n - fraud
assert fraud == 2000
tp = 0.8 * fraud
fp = 0.02 * legit
assert (tp, fp) == (1600, 19960)
precision = tp / (tp + fp)
assert round(precision, 3) == 0.074, precision
assert round(fp / 250) == 80                     # reviewer-days at 250 reviews a day
print("ok")
