"""``search(query, lang, shipTo, currency, first)``: understand, ground, filter and rank products.

Contract with the GraphQL layer: :func:`search_products` returns a :class:`SearchOutcome` with the
ranked product ids and the interpretation per slot (the chips a frontend shows). The query is
embedded once; that vector ranks products (``Product.text_embedding``). A category phrase no
name matches is embedded on its own to find the nearest category.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from api import errors
from api.nlq.grounding import ground
from api.nlq.intent import Slot
from api.nlq.lexicon_store import current_lexicon
from api.nlq.reads import Reader
from api.nlq.understand import understand
from borderless.errors import ApiError
from borderless.settings import Settings
from language.embedders import get_embedder
from language.llm import LanguageModel, language_model

MAX_FIRST = 100
MAX_QUERY_CHARS = 500
# How much review sentiment (-1..1) nudges the relevance score; small, a tie-breaker.
SENTIMENT_WEIGHT = 0.02
# With no category or brand to start from, candidates are the products nearest the query text;
# enough of them that the hard filters (colour, price, shipping) still leave a full page.
VECTOR_CANDIDATES_PER_RESULT = 25
MIN_VECTOR_CANDIDATES = 300


@dataclass
class SearchOutcome:
    """Ranked product ids, what was understood (per slot), and the backend that understood it."""

    product_ids: list[str]
    interpretation: list[Slot] = field(default_factory=list)
    backend: str = "rules"


async def search_products(
    reader: Reader, settings: Settings, *, query: str, lang: str | None,
    ship_to: str | None, currency: str | None, first: int, shopper_id: str | None,
    model: LanguageModel | None = None,
) -> SearchOutcome:
    """Search the catalog with a shopper's own words, in any served language.

    Args:
        reader: the request's graph session (its round trips count with the request's).
        settings: backend, embedder, weights and timeouts.
        query: free text ("rote Nike Laufschuhe unter 80 €").
        lang: the shopper's language, if known (helps "¥": yuan or yen).
        ship_to: ISO country code the products must ship to (a country in the query wins).
        currency: ISO code prices in the query are meant in, when the query names none.
        first: how many products to return (1..100).
        shopper_id: the signed-in shopper, whose embedding blends into the ranking.
        model: the language model to understand the query with (default: the configured one).

    Raises:
        ApiError: ``INVALID_ARGUMENT`` for an empty or over-long query or ``first`` out of range.
    """
    query = (query or "").strip()
    if not query or len(query) > MAX_QUERY_CHARS:
        raise ApiError(errors.INVALID_ARGUMENT, f"search query must be 1..{MAX_QUERY_CHARS} characters")
    if not 1 <= first <= MAX_FIRST:
        raise ApiError(errors.INVALID_ARGUMENT, f"first must be between 1 and {MAX_FIRST}, got {first}")
    return await search_with(reader, settings, query=query, lang=lang, ship_to=ship_to,
                             currency=currency, first=first, shopper_id=shopper_id,
                             lexicon_key=f"{settings.bolt_uri()}/{settings.neo4j_database}",
                             model=model)


async def search_with(
    reader: Reader, settings: Settings, *, query: str, lang: str | None, ship_to: str | None,
    currency: str | None, first: int, shopper_id: str | None, lexicon_key: str,
    model: LanguageModel | None = None, timings: dict[str, float] | None = None,
) -> SearchOutcome:
    """:func:`search_products` on a given reader; ``timings`` (if given) gets seconds per stage."""
    clock = _Stopwatch(timings)
    lexicon = await current_lexicon(reader, lexicon_key)
    embedder = get_embedder(settings)

    async def timed_understanding():
        started = time.perf_counter()
        result = await understand(query, lang, lexicon, settings, model or language_model(settings))
        clock.record("understand", started)
        return result

    def timed_embedding() -> list[float]:
        started = time.perf_counter()
        vector = embedder.query([query])[0].tolist()
        clock.record("embed", started)
        return vector

    understood, vector = await asyncio.gather(timed_understanding(),
                                              asyncio.to_thread(timed_embedding))
    started = time.perf_counter()
    grounded = await ground(
        understood.intent, lexicon, reader, source=understood.backend,
        embed=lambda phrase: embedder.query([phrase])[0].tolist(),
        ship_to=ship_to, currency=currency, lang=lang,
        filled_by_rules=understood.filled_by_rules)
    clock.record("ground", started)
    started = time.perf_counter()
    rows = await reader.read(
        "queries/search_products", **grounded.params, vector=vector, shopper_id=shopper_id,
        shopper_weight=settings.search_shopper_weight, sentiment_weight=SENTIMENT_WEIGHT,
        first=first, k=max(first * VECTOR_CANDIDATES_PER_RESULT, MIN_VECTOR_CANDIDATES))
    clock.record("query", started)
    return SearchOutcome(product_ids=[r["id"] for r in rows], interpretation=grounded.slots,
                         backend=understood.backend)


class _Stopwatch:
    """Seconds per stage into a caller's dict, or nowhere."""

    def __init__(self, into: dict[str, float] | None) -> None:
        self.into = into

    def record(self, stage: str, started: float) -> None:
        if self.into is not None:
            self.into[stage] = time.perf_counter() - started
