"""``search`` and ``ask``: thin GraphQL wrappers over the query-understanding layer (api.nlq)."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from api import limits
from api.auth import Role
from api.schema.catalog import Product
from api.schema.common import Info, checked_currency

MAX_QUERY_CHARS = 500


@strawberry.type(description="One understood piece of the query, shown as a removable chip.")
class Slot:
    name: str
    value: str
    grounded_id: str | None
    source: str


@strawberry.type
class SearchResult:
    products: list[Product]
    interpretation: list[Slot]
    backend: str


@strawberry.type
class AskResult:
    cypher: str | None
    rows: list[JSON]
    refused: str | None


async def run_search(
    info: Info, query: str, lang: str | None, ship_to: str | None, currency: str | None,
    first: int,
) -> SearchResult:
    from api.nlq.search import search_products  # the language layer loads on first search

    ctx = info.context
    text = limits.check_text(query, "query", MAX_QUERY_CHARS)
    limits.check_first(first, ctx.api)
    ship_to = limits.check_country(ship_to)
    currency = await checked_currency(info, currency)
    shopper = ctx.principal.subject if ctx.principal.role is Role.SHOPPER else None
    outcome = await search_products(
        ctx.graph, ctx.settings, query=text, lang=lang, ship_to=ship_to, currency=currency,
        first=first, shopper_id=shopper,
    )
    records = await ctx.loaders.product.load_many(outcome.product_ids[:first])
    return SearchResult(
        products=[Product.of(r, lang, currency) for r in records if r is not None],
        interpretation=[Slot(name=s.name, value=s.value, grounded_id=s.grounded_id,
                             source=s.source) for s in outcome.interpretation],
        backend=outcome.backend,
    )


async def run_ask(info: Info, question: str) -> AskResult:
    from api.nlq.ask import ask

    ctx = info.context
    text = limits.check_text(question, "question", ctx.api.max_query_chars)
    role = ctx.principal.role.name.lower()
    outcome = await ask(ctx.graph, ctx.settings, text, role)
    return AskResult(cypher=outcome.cypher, rows=[_jsonable(r) for r in outcome.rows],
                     refused=outcome.refused)


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
