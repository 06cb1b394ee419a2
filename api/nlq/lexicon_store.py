"""The lexicon of the live graph, rebuilt when the catalog changes and at least every ``TTL_S``.

Building it reads brands, categories, countries, currencies and attribute values (five small
queries); searching must not pay that on every request. Each search reads a stamp instead (node
counts from Neo4j's count store, one cheap round trip): a load that adds or removes brands,
categories, products, countries or currencies shows at once; an edit in place (a new alias)
shows within the TTL, or at once after :func:`forget_lexicons`.

A rebuild never blocks the event loop: the reads are awaited and the CPU-bound build runs in a
worker thread. Requests that find the lexicon stale while a rebuild is running await that one
rebuild rather than each starting their own (after a catalog load, a burst of searches would
otherwise build it once per search).
"""

from __future__ import annotations

import asyncio
import time

from api.nlq.lexicon import Lexicon, build_lexicon
from api.nlq.reads import Reader

TTL_S = 120.0
_cache: dict[str, tuple[float, list[int], Lexicon]] = {}
# The rebuild in flight per graph key; tasks belong to one event loop (tests run several).
_building: dict[str, asyncio.Task[Lexicon]] = {}


async def current_lexicon(reader: Reader, key: str) -> Lexicon:
    """The lexicon for the graph behind ``reader`` (``key`` names it: uri + database)."""
    stamp = (await reader.read("queries/nlq_lexicon_stamp"))[0]["stamp"]
    hit = _cache.get(key)
    if hit and hit[1] == stamp and time.monotonic() - hit[0] < TTL_S:
        return hit[2]
    task = _building.get(key)
    if task is None or task.done() or task.get_loop() is not asyncio.get_running_loop():
        task = asyncio.ensure_future(_rebuild(reader, key, stamp))
        _building[key] = task
    # Shielded: one waiter giving up (a client gone) must not cancel the others' rebuild.
    return await asyncio.shield(task)


async def _rebuild(reader: Reader, key: str, stamp: list[int]) -> Lexicon:
    brands = await reader.read("queries/nlq_lexicon_brands")
    categories = await reader.read("queries/nlq_lexicon_categories")
    places = (await reader.read("queries/nlq_lexicon_places"))[0]
    attributes = (await reader.read("queries/nlq_lexicon_attributes"))[0]
    lexicon = await asyncio.to_thread(build_lexicon, brands, categories, places["countries"],
                                      places["currencies"], attributes)
    _cache[key] = (time.monotonic(), stamp, lexicon)
    return lexicon


def forget_lexicons() -> None:
    """Drop cached lexicons (after an in-place catalog edit, or in tests)."""
    _cache.clear()
