"""Reading the catalog for the schema: one filtered, keyset-paginated page of products."""

from __future__ import annotations

from dataclasses import dataclass

from api import cursors, limits
from api.context import RequestContext
from api.records import ProductRecord


@dataclass(frozen=True)
class PageRequest:
    """A validated products query: filter values in the graph's terms, sort and cursor."""

    category_id: str | None = None
    brand_id: str | None = None
    min_price: float | None = None
    max_price: float | None = None
    price_currency: str | None = None
    min_rating: float | None = None
    ships_to: str | None = None
    title_lang: str | None = None
    sort: str = "ID"
    descending: bool = False
    first: int = 20
    after: str | None = None

    @property
    def sort_name(self) -> str:
        return f"{self.sort}_{'DESC' if self.descending else 'ASC'}"


@dataclass(frozen=True)
class Page:
    records: list[ProductRecord]
    cursors: list[str]
    has_next: bool


async def product_page(ctx: RequestContext, req: PageRequest) -> Page:
    """One page of products in keyset order; one Neo4j round trip (plus the rate, if priced)."""
    limits.check_first(req.first, ctx.api)
    after = cursors.decode(req.after, req.sort_name) if req.after else None
    priced = req.min_price is not None or req.max_price is not None
    rate = (await ctx.rate(req.price_currency)).rate if priced else 1.0
    rows = await ctx.graph.read(
        "queries/api_products_page",
        category_id=req.category_id, brand_id=req.brand_id, min_price=req.min_price,
        max_price=req.max_price, rate=rate, min_rating=req.min_rating, ships_to=req.ships_to,
        title_lang=req.title_lang, sort=req.sort, sign=-1.0 if req.descending else 1.0,
        after_key=after.key if after else None, after_id=after.id if after else None,
        limit=req.first + 1,
    )
    has_next = len(rows) > req.first
    rows = rows[: req.first]
    records = [ProductRecord.from_row(r) for r in rows]
    ctx.loaders.prime_products(records)
    page_cursors = [cursors.Cursor(req.sort_name, float(r["sort_key"]), r["id"]).encode()
                    for r in rows]
    return Page(records, page_cursors, has_next)
