"""``search`` and ``ask``: thin GraphQL wrappers over the query-understanding layer (api.nlq)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.scalars import JSON

from api import cursors, errors, limits
from api import serving as served
from api.auth import Role
from api.catalog import PageRequest
from api.context import RequestContext
from api.explain import slot_label
from api.records import pick_text
from api.schema.catalog import Product
from api.schema.common import Info, PageInfo, checked_currency
from api.schema.listing import ProductEdge, ProductFacets, facets_of

MAX_QUERY_CHARS = 500
# The sort a search's cursors belong to: a listing's cursor is refused here, and the reverse.
SEARCH_CURSOR = "SEARCH"


@strawberry.type(description="One understood piece of the query, shown as a removable chip.")
class Slot:
    name: str = strawberry.field(description=(
        "Which part: category, brand, colour, material, size, gender, age_group, price_min, "
        "price_max, ship_to, sort, keywords, recipient, occasion."))
    value: str = strawberry.field(description="The value understood, in the query's words.")
    grounded_id: str | None = strawberry.field(
        description="The graph's id or code it was matched to (category, brand, country...).")
    source: str = strawberry.field(description="Who understood it: rules, or a language model.")
    label: str = strawberry.field(description=(
        "The chip to show, in the answer's language: the slot's name and its value, a category "
        "by its name in that language (\"Kategorie: Laufschuhe\")."))


@strawberry.type(description="Near misses: products meeting every constraint but the one relaxed.")
class CloseMatches:
    relaxed: str = strawberry.field(description="The constraint loosened: price, colour, material, "
                                                "size, gender, age_group, keywords, category, brand.")
    label: str = strawberry.field(description="What was relaxed and how, e.g. 'price up to 96 EUR "
                                              "(±20%)' or 'colour dropped (was red)'.")
    products: list[Product] = strawberry.field(description="The close matches of this group.")


@strawberry.type(description="What a search found on this page, how it read the query, and how to page on.")
class SearchResult:
    products: list[Product] = strawberry.field(
        description="Only products meeting every understood constraint, best first.")
    exact_matches: int = strawberry.field(description="How many products are in `products`.")
    complete: bool = strawberry.field(description="True when `products` fills the page.")
    notice: str | None = strawberry.field(
        description="Why there are fewer exact matches than asked for (or none); null if complete.")
    close_matches: list[CloseMatches] = strawberry.field(
        description="Only when exact matches are too few: labelled groups, one relaxation each.")
    interpretation: list[Slot] = strawberry.field(
        description="What was understood, one chip per slot.")
    backend: str = strawberry.field(description="What understood the query: rules, local, openai.")
    edges: list[ProductEdge] = strawberry.field(
        description="This page's exact matches with their cursors (the same as `products`).")
    page_info: PageInfo = strawberry.field(
        description="Whether more exact matches follow; pass `endCursor` as `after` to read them.")
    total_count: int = strawberry.field(description=(
        "How many products meet every understood constraint, on every page together (search "
        "ranks at most its first 1000 matches)."))
    served_list_id: strawberry.ID = strawberry.field(
        description="This answer's id: an event citing it names a product of `products` and its "
                    "position there (1 for the first on this page).")
    experiment: str | None = strawberry.field(
        default=None, description="The search experiment this answer was served in, if any.")
    variant: str | None = strawberry.field(
        default=None, description="That experiment's variant (its ranking weights) served.")
    _request: strawberry.Private[PageRequest]
    _lang: strawberry.Private[str | None]

    @strawberry.field(description=(
        "Counts per category, brand, colour, size, material, gender, age group, price range and "
        "country among the exact matches (every page), as a listing's facets count them."))
    async def facets(self, info: Info) -> ProductFacets:
        return await facets_of(info, self._request, self._lang)


@strawberry.type(description="A catalog manager's question answered from the graph, or refused.")
class AskResult:
    cypher: str | None = strawberry.field(description="The read-only Cypher that answered it.")
    rows: list[JSON] = strawberry.field(description="The answer's rows.")
    refused: str | None = strawberry.field(description="Why the question was not answered, if so.")
    guard: str | None = strawberry.field(description="The guard that refused the statement, if any.")


async def run_search(
    info: Info, query: str, lang: str | None, ship_to: str | None, currency: str | None,
    first: int, after: str | None = None, session_id: str | None = None,
) -> SearchResult:
    # Imported here: the language layer loads on the first search, not at start-up.
    from api.nlq.search import search_products

    ctx = info.context
    text = limits.check_text(query, "query", MAX_QUERY_CHARS)
    limits.check_first(first, ctx.api)
    ship_to = limits.check_country(ship_to)
    currency = await checked_currency(info, currency)
    offset = _offset(after)
    shopper = ctx.principal.subject if ctx.principal.role is Role.SHOPPER else None
    session = limits.check_id(session_id, "sessionId") if session_id is not None else None
    serving, unit = await served.serving_on(ctx, "search", session)
    outcome = await search_products(
        ctx.graph, ctx.settings, query=text, lang=lang, ship_to=ship_to, currency=currency,
        first=first, shopper_id=shopper, offset=offset, weights=serving.weights,
    )
    async def products(ids: list[str]) -> list[Product]:
        records = await ctx.loaders.product.load_many(ids[:first])
        return [Product.of(r, lang, currency) for r in records if r is not None]

    page = await products(outcome.product_ids)
    list_id = await served.record(ctx, surface="search", serving=serving, model_version=None,
                                  unit=unit, items=[str(p.id) for p in page])
    # A cursor is the number of matches shown up to and including its product.
    edges = [ProductEdge(cursor=cursors.Cursor(SEARCH_CURSOR, offset + i + 1, p.id).encode(),
                         node=p) for i, p in enumerate(page)]
    return SearchResult(
        products=page, edges=edges, total_count=len(outcome.matching_ids),
        page_info=PageInfo(
            has_next_page=len(outcome.matching_ids) > offset + len(outcome.product_ids),
            has_previous_page=offset > 0, start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None),
        _request=PageRequest(product_ids=tuple(outcome.matching_ids), price_currency=currency),
        _lang=lang,
        exact_matches=outcome.exact_matches, complete=outcome.complete, notice=outcome.notice,
        close_matches=[CloseMatches(relaxed=c.relaxed, label=c.label,
                                    products=await products(c.product_ids))
                       for c in outcome.close_matches],
        interpretation=[Slot(name=s.name, value=s.value, grounded_id=s.grounded_id,
                             source=s.source, label=slot_label(s.name, await _shown(ctx, s, lang),
                                                               lang))
                        for s in outcome.interpretation],
        backend=outcome.backend, served_list_id=strawberry.ID(list_id),
        experiment=serving.experiment, variant=serving.variant,
    )


async def _shown(ctx: RequestContext, slot: Any, lang: str | None) -> str:
    """A slot's value as a chip shows it: a grounded category by its name in ``lang``."""
    if slot.name == "category" and slot.grounded_id:
        record = await ctx.loaders.category.load(slot.grounded_id)
        if record is not None:
            return pick_text(record.props, "name", lang)[0] or slot.value
    return str(slot.value)


def _offset(after: str | None) -> int:
    """How many matches the pages before ``after`` showed (0 for the first page)."""
    if after is None:
        return 0
    offset = cursors.decode(after, SEARCH_CURSOR).key
    if not offset.is_integer() or offset < 1:
        raise errors.invalid("after", "a cursor this search issued", after)
    return int(offset)


async def run_ask(info: Info, question: str) -> AskResult:
    from api.nlq.ask import ask

    ctx = info.context
    text = limits.check_text(question, "question", ctx.api.max_query_chars)
    role = ctx.principal.role.name.lower()
    outcome = await ask(ctx.graph, ctx.settings, text, role)
    return AskResult(cypher=outcome.cypher, rows=[_jsonable(r) for r in outcome.rows],
                     refused=outcome.refused, guard=outcome.guard)


def _jsonable(value: object) -> object:
    """Rows from Neo4j may hold dates and nodes; the JSON scalar needs plain values."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return str(value)
