from answer import *

import random

acc = ["Je suis très fatigué.", "Je suis vraiment fatigué."]
assert grade("je suis très fatigué", acc) == ("correct", acc[0])
assert grade("  Je  suis VRAIMENT fatigué !! ", acc) == ("correct", acc[1])
assert grade("Je suis tres fatigue", acc) == ("accent", acc[0])
assert grade("Je suis très fatigé", acc) == ("typo", acc[0])       # one letter missing
assert grade("Je suis tres fatige", acc) == ("typo", acc[0])       # accents ignored, then one edit
assert grade("Je suis fatigué", acc) == ("wrong", acc[0])
assert grade("", acc) == ("wrong", acc[0])
# Composed and decomposed accents are the same answer.
assert grade("Je suis tre\u0300s fatigue\u0301", acc) == ("correct", acc[0])
# Short answers get no typo allowance: "gato" for "gata" is a different word.
assert grade("gato", ["gata"]) == ("wrong", "gata")
assert grade("Ich heiße Anna", ["Ich heiße Anna."]) == ("correct", "Ich heiße Anna.")
assert grade("I'm here", ["I'm here."])[0] == "correct"
assert normalize("¿Dónde  está?") == "dónde está"
assert normalize("Dónde", keep_accents=False) == "donde"


def lev(a, b):
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


random.seed(11)
for _ in range(20000):
    a = "".join(random.choice("ab") for _ in range(random.randint(0, 6)))
    b = "".join(random.choice("ab") for _ in range(random.randint(0, 6)))
    assert within_one_edit(a, b) == (lev(a, b) <= 1), (a, b)
print("ok")
