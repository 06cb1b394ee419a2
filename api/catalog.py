"""Reading the catalog for the schema: one filtered, keyset-paginated page of products, the
number of products a filter matches, and the facet counts around it.

The three statements share one filter (``PageRequest.filter_params``), so a listing's page, its
``totalCount`` and its facets always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api import cursors, limits
from api.context import RequestContext
from api.records import BrandRecord, CategoryRecord, ProductRecord

# Where the price facet's buckets start, in the shopper's currency; the last one is open-ended.
PRICE_EDGES = (0.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0)

# The sorts a listing may ask for; each maps to a fixed CASE branch in api_products_page.cypher.
SORTS = frozenset({"ID", "PRICE", "RATING", "REVIEW_COUNT", "RELEVANCE", "NEWEST", "NAME"})

# The facets api_products_facets.cypher counts, in the order the API lists them.
FACETS = ("CATEGORY", "BRAND", "COLOUR", "SIZE", "MATERIAL", "GENDER", "AGE_GROUP", "PRICE",
          "SHIPS_TO")


@dataclass(frozen=True)
class PageRequest:
    """A validated products query: filter values in the graph's terms, sort and cursor.

    A list filter (``brand_ids``, ``colours``...) keeps products with any of its values; None
    means no filter. Prices are in ``price_currency`` (the shopper's).
    """

    category_id: str | None = None
    brand_ids: tuple[str, ...] | None = None
    colours: tuple[str, ...] | None = None
    sizes: tuple[str, ...] | None = None
    materials: tuple[str, ...] | None = None
    genders: tuple[str, ...] | None = None
    age_groups: tuple[str, ...] | None = None
    min_price: float | None = None
    max_price: float | None = None
    price_currency: str | None = None
    min_rating: float | None = None
    ships_to: str | None = None
    title_lang: str | None = None
    # A search's exact matches: the facets of a search count these (None: the whole catalog).
    product_ids: tuple[str, ...] | None = None
    in_stock: bool | None = None  # True: in stock (or untracked) only; False: sold out only
    sort: str = "ID"
    descending: bool = False
    name_lang: str = "en"
    first: int = 20
    after: str | None = None

    @property
    def sort_name(self) -> str:
        """The sort a cursor belongs to (a name sort also by its language: the keys differ)."""
        by = f"NAME_{self.name_lang}" if self.sort == "NAME" else self.sort
        return f"{by}_{'DESC' if self.descending else 'ASC'}"

    @property
    def text_sort(self) -> bool:
        """Whether the sort key is text (a name, or the id itself), not a number."""
        return self.sort in ("NAME", "ID")

    @property
    def priced(self) -> bool:
        return self.min_price is not None or self.max_price is not None

    def filter_params(self, rate: float) -> dict[str, Any]:
        """The statement parameters of the filter (``rate``: base currency to the shopper's)."""
        def listed(values: tuple[str, ...] | None) -> list[str] | None:
            return list(values) if values is not None else None

        return {
            "category_id": self.category_id, "brand_ids": listed(self.brand_ids),
            "colours": listed(self.colours), "sizes": listed(self.sizes),
            "materials": listed(self.materials), "genders": listed(self.genders),
            "age_groups": listed(self.age_groups), "min_price": self.min_price,
            "max_price": self.max_price, "rate": rate, "min_rating": self.min_rating,
            "ships_to": self.ships_to, "title_lang": self.title_lang,
            "product_ids": listed(self.product_ids), "in_stock": self.in_stock,
        }


@dataclass(frozen=True)
class Page:
    records: list[ProductRecord]
    cursors: list[str]
    has_next: bool


@dataclass(frozen=True)
class FacetCount:
    """One value of one facet and how many products it would show."""

    facet: str
    value: str
    count: int


async def _rate(ctx: RequestContext, req: PageRequest, needed: bool) -> float:
    return (await ctx.rate(req.price_currency)).rate if needed else 1.0


async def product_page(ctx: RequestContext, req: PageRequest) -> Page:
    """One page of products in keyset order; one Neo4j round trip (plus the rate, if priced)."""
    limits.check_first(req.first, ctx.api)
    after = cursors.decode(req.after, req.sort_name) if req.after else None
    rows = await ctx.graph.read(
        "queries/api_products_page", **req.filter_params(await _rate(ctx, req, req.priced)),
        sort=req.sort, sign=-1.0 if req.descending and not req.text_sort else 1.0,
        text_desc=req.descending and req.text_sort, name_lang=req.name_lang,
        after_key=after.key if after else None, after_text=after.text if after else None,
        after_id=after.id if after else None, limit=req.first + 1,
    )
    has_next = len(rows) > req.first
    rows = rows[: req.first]
    records = [ProductRecord.from_row(r) for r in rows]
    ctx.loaders.prime_products(records)
    page_cursors = [
        cursors.Cursor(req.sort_name, float(r["num_key"]), r["id"], r["text_key"]).encode()
        for r in rows]
    return Page(records, page_cursors, has_next)


async def product_count(ctx: RequestContext, req: PageRequest) -> int:
    """How many products the request's filter matches (cursor and page size aside)."""
    rows = await ctx.graph.read("queries/api_products_count",
                                **req.filter_params(await _rate(ctx, req, req.priced)))
    return int(rows[0]["total"])


@dataclass(frozen=True)
class BrandPage:
    """One page of brands in id order, each with its product count."""

    records: list[BrandRecord]
    product_counts: list[int]
    has_next: bool


@dataclass(frozen=True)
class MenuEntry:
    """A category of the menu: its record and the products in it or below it."""

    record: CategoryRecord
    product_count: int


async def brand_page(ctx: RequestContext, first: int, after_id: str | None) -> BrandPage:
    """``first`` brands after the one with id ``after_id``, in id order; one round trip."""
    limits.check_first(first, ctx.api)
    rows = await ctx.graph.read("queries/api_brands_page", after=after_id, limit=first + 1)
    shown = rows[:first]
    return BrandPage([BrandRecord.from_row(r) for r in shown],
                     [int(r["product_count"]) for r in shown], len(rows) > first)


async def brand_count(ctx: RequestContext) -> int:
    """How many brands the catalog has."""
    return int((await ctx.graph.read("queries/api_brands_count"))[0]["total"])


async def brand_product_count(ctx: RequestContext, brand_id: str) -> int:
    """How many products the brand has (0 for an unknown brand)."""
    rows = await ctx.graph.read("queries/api_brand_product_counts", ids=[brand_id])
    return int(rows[0]["product_count"]) if rows else 0


async def category_menu(ctx: RequestContext, root_id: str | None) -> list[MenuEntry]:
    """Every category holding products (below ``root_id``, if given), with product counts."""
    rows = await ctx.graph.read("queries/api_category_menu", root_id=root_id)
    return [MenuEntry(CategoryRecord.from_row(r), int(r["product_count"])) for r in rows]


async def product_facets(ctx: RequestContext, req: PageRequest) -> list[FacetCount]:
    """Facet counts around the request's filter: each facet ignores only its own filter."""
    rows = await ctx.graph.read("queries/api_products_facets",
                                **req.filter_params(await _rate(ctx, req, True)),
                                price_edges=list(PRICE_EDGES))
    return [FacetCount(r["facet"], str(r["value"]), int(r["count"])) for r in rows]
