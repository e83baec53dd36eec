# Plain Python only: a file named numbers.py shadows the standard library's numbers module,
# which numpy imports.
import math

n = [20_000, 30_000, 50_000]
pred = [0.25, 0.58, 0.88]
obs = [0.18, 0.47, 0.78]
w = [k / sum(n) for k in n]
dot = lambda a, b: sum(x * y for x, y in zip(a, b))
assert [round(x, 3) for x in w] == [0.2, 0.3, 0.5]
assert round(dot(w, pred), 3) == 0.664
assert round(dot(w, obs), 3) == 0.567
assert round(dot(w, [abs(p - o) for p, o in zip(pred, obs)]), 3) == 0.097
assert round(0.12 / 0.88, 3) == 0.136 and round(0.12 / 0.88 * 15, 1) == 2.0
assert round(0.22 / 0.78, 3) == 0.282 and round(0.22 / 0.78 * 15, 1) == 4.2
logit = lambda p: math.log(p / (1 - p))
x = [logit(p) for p in pred]
y = [logit(o) for o in obs]
shift = [b - a for a, b in zip(x, y)]
assert round(shift[0], 2) == -0.42 and round(shift[2], 2) == -0.73
# weighted least squares y = a x + b
sw, sx, sy = sum(w), dot(w, x), dot(w, y)
sxx = sum(wi * xi * xi for wi, xi in zip(w, x))
sxy = sum(wi * xi * yi for wi, xi, yi in zip(w, x, y))
a = (sw * sxy - sx * sy) / (sw * sxx - sx * sx)
b = (sy - a * sx) / sw
assert round(a, 2) == 0.89 and round(b, 2) == -0.48
print("ok")
