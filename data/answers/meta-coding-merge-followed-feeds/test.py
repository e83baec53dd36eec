from answer import *

import answer
import random

rng = random.Random(3)
posts = {}  # page -> list of (timestamp, post_id)
pid = 0
for p in range(6):
    posts[p] = []
    for _ in range(rng.randint(0, 15)):
        pid += 1
        posts[p].append((rng.randint(0, 40), pid))
# One post cross-posted on two pages.
posts[0].append((50, 999))
posts[1].append((50, 999))


def fetch(page, before, n):
    items = sorted(posts[page], reverse=True)
    if before is not None:
        items = [x for x in items if x < tuple(before)]
    return items[:n]


answer.fetch = fetch
want = sorted({x for items in posts.values() for x in items}, reverse=True)
got, cursor = [], None
while True:
    page, cursor = get_page(list(posts), 4, cursor)
    got += page
    if cursor is None:
        break
assert got == want, (got, want)

# New posts published between requests do not shift the next page.
page1, cur = get_page(list(posts), 3)
posts[2].append((100, 5000))
page2, _ = get_page(list(posts), 3, cur)
assert all(x < page1[-1] for x in page2)
assert (100, 5000) not in page2
print("ok")
