"""``search(query, lang, shipTo, currency, first)``: understand, ground, filter and rank products.

Contract with the GraphQL layer: :func:`search_products` returns a :class:`SearchOutcome` with the
ranked ids of the products that meet every understood constraint (and only those), whether they
fill the page, a notice saying why not, labelled close matches (``relax.py``: one constraint
loosened each, saying which) and the interpretation per slot (the chips a frontend shows).
Without a category, the shopper's words are a constraint too (``relevance.py``); a query in which
nothing was understood returns nothing. The query is embedded once; that vector ranks products
(``Product.text_embedding``). A category phrase no name matches is embedded on its own to find
the nearest category. Review sentiment and ratings only break ties between relevant products.
Products without a text vector yet (``make run`` serves while the text index is built) are
found by their words and score 0 on similarity; the notice says how many there are.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from api import errors
from api.nlq.grounding import ground
from api.nlq.intent import Slot
from api.nlq.lexicon_store import current_lexicon
from api.nlq.meaning import CategoryVectors, category_vectors
from api.nlq.reads import Reader
from api.nlq.relax import relaxations
from api.nlq.relevance import products_holding_words, similarity_floor
from api.nlq.understand import understand
from borderless.errors import ApiError
from borderless.settings import Settings
from language.embedders import get_embedder, query_vector
from language.llm import LanguageModel, language_model

MAX_FIRST = 100
MAX_QUERY_CHARS = 500
# Relevance scores equal to this many decimals tie; review sentiment, then rating, order those.
TIE_PRECISION = 2
# Slots that say what product is wanted; ship-to, sort, recipient and occasion alone do not.
PRODUCT_SLOTS = frozenset({"category", "brand", "colour", "material", "size", "gender",
                           "age_group", "price_min", "price_max"})
# With no category or brand to start from, candidates are the products nearest the query text;
# enough of them that the hard filters (colour, price, shipping) still leave a full page.
VECTOR_CANDIDATES_PER_RESULT = 25
MIN_VECTOR_CANDIDATES = 300
# How many exact matches a search ranks in all: pages are cut from these, and ``totalCount`` and
# the facets count them (a bound, so a vague query cannot make one request rank the catalog).
MAX_MATCHES = 1000
# Popularity's score is n / (n + this) for a product with n interactions: 0.5 at this many.
POPULARITY_HALF = 10.0


@dataclass(frozen=True)
class CloseMatches:
    """Products that meet every constraint but one, and which one was relaxed, and how."""

    relaxed: str
    label: str
    product_ids: list[str]


@dataclass
class SearchOutcome:
    """The answer: exact matches alone, then labelled close matches, and what was understood.

    Attributes:
        product_ids: this page's products meeting every understood constraint, best first.
        interpretation: what was understood, per slot.
        backend: who understood it (``rules``, ``local``, ``openai``).
        complete: the page is full of exact matches.
        notice: why there are fewer (or none), in plain words; ``None`` when complete.
        close_matches: groups of near misses, each relaxing one named constraint.
        matching_ids: every exact match, best first (at most ``MAX_MATCHES``): what the pages
            are cut from, and what ``totalCount`` and the facets count.
    """

    product_ids: list[str]
    interpretation: list[Slot] = field(default_factory=list)
    backend: str = "rules"
    complete: bool = False
    notice: str | None = None
    close_matches: list[CloseMatches] = field(default_factory=list)
    matching_ids: list[str] = field(default_factory=list)

    @property
    def exact_matches(self) -> int:
        """How many products meet every understood constraint (on this page)."""
        return len(self.product_ids)


async def search_products(
    reader: Reader, settings: Settings, *, query: str, lang: str | None,
    ship_to: str | None, currency: str | None, first: int, shopper_id: str | None,
    model: LanguageModel | None = None, offset: int = 0,
    weights: Mapping[str, float] | None = None,
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
        offset: how many exact matches earlier pages showed (the page starts after them).
        weights: ranking weights of a search experiment's variant (``shopper``, ``popularity``;
            see ``experiments.definition.SEARCH_WEIGHTS``); the settings' default when None.

    Raises:
        ApiError: ``INVALID_ARGUMENT`` for an empty or over-long query, ``first`` or ``offset``
            out of range.
    """
    query = (query or "").strip()
    if not query or len(query) > MAX_QUERY_CHARS:
        raise ApiError(errors.INVALID_ARGUMENT, f"search query must be 1..{MAX_QUERY_CHARS} characters")
    if not 1 <= first <= MAX_FIRST:
        raise ApiError(errors.INVALID_ARGUMENT, f"first must be between 1 and {MAX_FIRST}, got {first}")
    if not 0 <= offset < MAX_MATCHES:
        raise ApiError(errors.INVALID_ARGUMENT,
                       f"a search pages through its first {MAX_MATCHES} matches, not past {offset}")
    return await search_with(reader, settings, query=query, lang=lang, ship_to=ship_to,
                             currency=currency, first=first, shopper_id=shopper_id,
                             lexicon_key=f"{settings.bolt_uri()}/{settings.neo4j_database}",
                             model=model, offset=offset, weights=weights)


async def search_with(
    reader: Reader, settings: Settings, *, query: str, lang: str | None, ship_to: str | None,
    currency: str | None, first: int, shopper_id: str | None, lexicon_key: str,
    model: LanguageModel | None = None, timings: dict[str, float] | None = None, offset: int = 0,
    weights: Mapping[str, float] | None = None,
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
        vector = query_vector(embedder, query)
        clock.record("embed", started)
        return vector

    understood, vector = await asyncio.gather(timed_understanding(),
                                              asyncio.to_thread(timed_embedding))

    async def names_by_meaning() -> CategoryVectors:
        # Built once per lexicon (the first search that needs it), names embedded once ever.
        key = f"category_vectors/{embedder.name}"
        if key not in lexicon.derived:
            lexicon.derived[key] = await asyncio.to_thread(
                category_vectors, lexicon, embedder.name, embedder.query)
        return lexicon.derived[key]

    started = time.perf_counter()
    grounded = await ground(
        understood.intent, lexicon, reader, source=understood.backend,
        embed=lambda phrase: query_vector(embedder, phrase),
        ship_to=ship_to, currency=currency, lang=lang,
        filled_by_rules=understood.filled_by_rules, category_vectors=names_by_meaning)
    keywords = list(understood.intent.keywords)
    understood_product = bool(keywords) or any(s.name in PRODUCT_SLOTS for s in grounded.slots)
    if not understood_product:
        clock.record("ground", started)
        return SearchOutcome([], grounded.slots, understood.backend, notice=(
            "Nothing in the query names a kind of product, brand or property this shop knows, "
            "so nothing is shown."))
    # Without a category, the words say what kind of product is meant: they must be found.
    # With one, they only rank its products, and the notice says so ("green surfboard" where no
    # surfboard is green must not read as if every part of the query were met).
    require_text = bool(keywords) and not grounded.params["category_ids"]
    popularity_weight = (weights or {}).get("popularity", 0.0)
    # Text relevance keeps what the other two leave (a variant's weights add up to at most 1).
    shopper_weight = (weights or {}).get(
        "shopper", min(settings.search_shopper_weight, 1 - popularity_weight))
    params = grounded.params | {
        "require_text": require_text, "text_floor": None, "exclude": [], "words_vector": None,
        "text_ids": await products_holding_words(reader, keywords) if require_text else [],
        "vector": vector, "shopper_id": shopper_id, "tie_precision": TIE_PRECISION,
        "shopper_weight": shopper_weight, "popularity_weight": popularity_weight,
        "popularity_half": POPULARITY_HALF,
        # Not grown with the offset: every page of one search ranks the same candidates, so
        # the pages neither repeat nor skip a product and totalCount stays the same.
        "k": max(first * VECTOR_CANDIDATES_PER_RESULT, MIN_VECTOR_CANDIDATES)}
    clock.record("ground", started)
    started = time.perf_counter()
    unembedded = (await reader.read("queries/search_unembedded", embedder=embedder.name,
                                    of={"category_ids": params["category_ids"],
                                        "brand_ids": params["brand_ids"]}))[0]
    # Every exact match at once (ids only): the page is a slice, the rest are counted. The
    # filters travel as one map, so Neo4j plans the statement once for every shape of query.
    matching = [r["id"] for r in await reader.read("queries/search_products", search=params,
                                                    first=MAX_MATCHES)]
    exact = matching[offset:offset + first]
    close: list[CloseMatches] = []
    if len(exact) < first:
        if require_text:
            # A brand named in the query and in every title of that brand would lend them all
            # its similarity: then only the shopper's other words are compared.
            params["words_vector"] = vector if not params["brand_ids"] else (
                await asyncio.to_thread(query_vector, embedder, " ".join(keywords)))
        close = await _close_matches(reader, params, grounded.slots, keywords, matching,
                                     first - len(exact), similarity_floor(embedder.name))
    clock.record("query", started)
    ranked_only = keywords if keywords and not require_text else []
    # Counted over every page, so a last page's notice is true of the whole search.
    notice = _join(_notice(len(matching), offset + first, close, ranked_only),
                   _building_notice(int(unembedded["missing"]), int(unembedded["products"])))
    return SearchOutcome(exact, grounded.slots, understood.backend, complete=len(exact) >= first,
                         notice=notice,
                         close_matches=close,
                         matching_ids=matching)


async def _close_matches(reader: Reader, params: dict, slots: list[Slot], keywords: list[str],
                         exact: list[str], room: int, floor: float) -> list[CloseMatches]:
    """Groups of near misses, one relaxed constraint each, until ``room`` more are shown."""
    shown, groups = list(exact), []
    for relaxation in await relaxations(params, slots, reader, keywords, floor):
        if len(shown) >= len(exact) + room:
            break
        rows = await reader.read("queries/search_products",
                                 search=relaxation.params | {"exclude": shown},
                                 first=len(exact) + room - len(shown))
        if rows:
            groups.append(CloseMatches(relaxation.slot, relaxation.label, [r["id"] for r in rows]))
            shown += [r["id"] for r in rows]
    return groups


def _notice(exact: int, first: int, close: list[CloseMatches],
            ranked_only: list[str]) -> str | None:
    """Why the page holds fewer exact matches than asked for, and which words only ranked."""
    words = (f"The words {', '.join(ranked_only)} were not required: they only rank the "
             "products of the category understood." if ranked_only else None)
    if exact >= first:
        return words
    part = "every understood part" if ranked_only else "every part"
    found = (f"No product meets {part} of the query" if exact == 0 else
             f"Only {exact} product{'s' if exact > 1 else ''} meet{'' if exact > 1 else 's'} "
             f"{part} of the query")
    found = (f"{found}; close matches follow, each saying what was relaxed." if close
             else f"{found}, and nothing comes close.")
    return f"{found} {words}" if words else found


def _building_notice(missing: int, products: int) -> str | None:
    """While the text index is built (``make run`` serves before it is), say what that costs."""
    if not missing:
        return None
    return (f"The text index is still being built: {missing} of the {products} products this "
            "search looks among have no text vector yet: they are found by the query's "
            "words and filters only, and gain nothing from text similarity when ranked.")


def _join(*notices: str | None) -> str | None:
    return " ".join(n for n in notices if n) or None


class _Stopwatch:
    """Seconds per stage into a caller's dict, or nowhere."""

    def __init__(self, into: dict[str, float] | None) -> None:
        self.into = into

    def record(self, stage: str, started: float) -> None:
        if self.into is not None:
            self.into[stage] = time.perf_counter() - started
