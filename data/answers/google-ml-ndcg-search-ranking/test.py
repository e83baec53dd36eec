from answer import *

import math

labels = [3, 2, 0, 1, 2]
dcg = 7 / 1 + 3 / math.log2(3) + 0 / 2 + 1 / math.log2(5) + 3 / math.log2(6)
idcg = 7 / 1 + 3 / math.log2(3) + 3 / math.log2(4) + 1 / math.log2(5) + 0
assert abs(ndcg_at_k(labels, labels, 5) - dcg / idcg) < 1e-12
assert round(dcg, 3) == 10.484 and round(idcg, 3) == 10.823  # the figures in the solution
assert round(ndcg_at_k(labels, labels, 5), 3) == 0.969
# A second perfect document the ranker missed enters the ideal ranking and lowers the score.
assert round(ndcg_at_k(labels, labels + [3], 5), 3) == 0.718
assert ndcg_at_k([0, 0], [0, 0], 2) == 0.0
assert ndcg_at_k([3, 2, 1], [1, 2, 3], 3) == 1.0
print("ok")
