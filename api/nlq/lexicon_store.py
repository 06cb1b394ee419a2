"""The lexicon of the live graph, rebuilt at most every ``TTL_S`` seconds per database.

Building it reads brands, categories, countries, currencies and attribute values (five small
queries); searching must not pay that on every request, and a catalog change shows up within the
TTL (or at once after :func:`forget_lexicons`).
"""

from __future__ import annotations

import time

from api.nlq.lexicon import Lexicon, build_lexicon
from api.nlq.reads import Reader

TTL_S = 120.0
_cache: dict[str, tuple[float, Lexicon]] = {}


async def current_lexicon(reader: Reader, key: str) -> Lexicon:
    """The lexicon for the graph behind ``reader`` (``key`` names it: uri + database)."""
    hit = _cache.get(key)
    if hit and time.monotonic() - hit[0] < TTL_S:
        return hit[1]
    # No lock: two requests racing past an expired entry just both rebuild it.
    brands = await reader.read("queries/nlq_lexicon_brands")
    categories = await reader.read("queries/nlq_lexicon_categories")
    places = (await reader.read("queries/nlq_lexicon_places"))[0]
    attributes = (await reader.read("queries/nlq_lexicon_attributes"))[0]
    lexicon = build_lexicon(brands, categories, places["countries"], places["currencies"],
                            attributes)
    _cache[key] = (time.monotonic(), lexicon)
    return lexicon


def forget_lexicons() -> None:
    """Drop cached lexicons (after a load, or in tests that change the catalog)."""
    _cache.clear()
