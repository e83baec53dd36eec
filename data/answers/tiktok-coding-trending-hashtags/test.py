from answer import *

caps = ["Sunset #travel #Travel #beach", "#food time", "#beach day #travel", "no tags", "#Food #dance_2 #", "#food"]
assert top_hashtags(caps, 3) == [("food", 3), ("travel", 2), ("beach", 2)] or top_hashtags(caps, 3) == [("food", 3), ("beach", 2), ("travel", 2)]
assert top_hashtags(caps, 3) == [("food", 3), ("beach", 2), ("travel", 2)]  # ties alphabetical
assert top_hashtags(caps, 10)[-1] == ("dance_2", 1)
assert top_hashtags([], 5) == []
assert top_hashtags(caps, 0) == []
print("ok")
