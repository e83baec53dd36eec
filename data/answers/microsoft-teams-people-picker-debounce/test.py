from answer import *

import asyncio


async def scenario():
    rendered, calls = [], []

    async def fetch(q):
        calls.append(q)
        await asyncio.sleep(0.2 if q == "jo" else 0.01)  # "jo" is slow
        return [f"{q}-result"]

    s = PeopleSearch(fetch, rendered.append, delay=0.05)
    # Typing fast: only the last text is fetched.
    for text in ["j", "jo", "joh", "John "]:
        s.on_input(text)
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.2)
    assert calls == ["john"], calls
    assert rendered[-1] == ["john-result"]
    assert [] in rendered  # "j" is too short: cleared

    # Cached: no new call.
    s.on_input("JOHN")
    assert calls == ["john"] and rendered[-1] == ["john-result"]

    # A slow, stale response never overwrites a newer one.
    s.on_input("jo")
    await asyncio.sleep(0.07)  # "jo" fetch starts and is slow
    s.on_input("jon")
    await asyncio.sleep(0.4)
    assert calls[-2:] == ["jo", "jon"], calls
    assert rendered[-1] == ["jon-result"], rendered

    # Errors keep the current results.
    async def failing(q):
        raise RuntimeError("rate limited")

    s.fetch = failing
    before = list(rendered)
    s.on_input("mary")
    await asyncio.sleep(0.1)
    assert rendered == before


asyncio.run(scenario())
print("ok")
