"""Product listings: the Relay connection with its total count and facets, its filter and sort.

``products`` and ``Category.products`` both answer through :func:`products_connection`. The page is
read at once; ``totalCount`` and ``facets`` each cost one more statement, run only when selected.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from enum import Enum

import strawberry

from api import errors, limits
from api.catalog import (
    PRICE_EDGES, FacetCount, PageRequest, product_count, product_facets, product_page,
)
from api.records import pick_text
from api.schema.catalog import Product
from api.schema.common import Info, Language, PageInfo, lang_code
from api.schema.enums import AgeGroup, Gender, enum_of


@strawberry.type(description="One product in a listing, with the cursor to page on after it.")
class ProductEdge:
    cursor: str = strawberry.field(description="Pass as `after` to read the products after this one.")
    node: Product = strawberry.field(description="The product.")


@strawberry.type(description="A facet value and how many products choosing it would show.")
class FacetValue:
    value: str = strawberry.field(description=(
        "What to put in the filter: an id (category, brand), a country code, an enum name "
        "(gender, age group) or the catalog's own word (colour, size, material)."))
    label: str | None = strawberry.field(description=(
        "A name to show, in the listing's language (categories, brands); null where `value` "
        "is already readable."))
    count: int = strawberry.field(description=(
        "Products that pass every other active filter and have this value."))


@strawberry.type(description="A price bucket and how many products in it pass the other filters.")
class PriceRange:
    min: float = strawberry.field(description="Lowest price in the bucket (inclusive).")
    max: float | None = strawberry.field(
        description="Where the next bucket starts (exclusive); null for the open-ended last one.")
    currency: str = strawberry.field(description="Currency of `min` and `max`: the listing's.")
    count: int = strawberry.field(description="Products in the bucket that pass the other filters.")


@strawberry.type(description=(
    "Counts per value for each filterable attribute. Standard facet semantics: each facet's "
    "counts honour every active filter except its own, so a frontend can offer alternatives."))
class ProductFacets:
    categories: list[FacetValue] = strawberry.field(
        description="Each product's own category (counts ignore the category filter).")
    brands: list[FacetValue] = strawberry.field(description="Brands, by id.")
    colours: list[FacetValue] = strawberry.field(description="Colours as the catalog names them.")
    sizes: list[FacetValue] = strawberry.field(description="Sizes as the catalog names them.")
    materials: list[FacetValue] = strawberry.field(description="Materials.")
    genders: list[FacetValue] = strawberry.field(description="Gender enum names (WOMEN...).")
    age_groups: list[FacetValue] = strawberry.field(description="AgeGroup enum names (ADULT...).")
    ships_to: list[FacetValue] = strawberry.field(
        description="Countries the products ship to and may be sold in, by ISO code.")
    price_ranges: list[PriceRange] = strawberry.field(
        description="Price buckets in the listing's currency; empty buckets are left out.")


@strawberry.type(description="A Relay connection of products, paged by keyset cursors.")
class ProductConnection:
    edges: list[ProductEdge] = strawberry.field(description="This page's products, in sort order.")
    page_info: PageInfo = strawberry.field(description="Whether there is more, and the cursors.")
    _request: strawberry.Private[PageRequest]
    _lang: strawberry.Private[str | None]

    @strawberry.field(description="This page's products without their cursors.")
    def nodes(self) -> list[Product]:
        return [edge.node for edge in self.edges]

    @strawberry.field(description="How many products match the filter, on every page together.")
    async def total_count(self, info: Info) -> int:
        return await product_count(info.context, self._request)

    @strawberry.field(description="Facet counts around the filter (one more round trip).")
    async def facets(self, info: Info) -> ProductFacets:
        return await facets_of(info, self._request, self._lang)


@strawberry.enum(description="What a listing is sorted by.")
class ProductSortField(Enum):
    ID = strawberry.enum_value("ID", description="By product id.")
    PRICE = strawberry.enum_value("PRICE", description="By price.")
    RATING = strawberry.enum_value("RATING", description="By average review rating.")
    REVIEW_COUNT = strawberry.enum_value("REVIEW_COUNT", description="By how many reviews a product has.")
    RELEVANCE = strawberry.enum_value("RELEVANCE", description="Rating weighed by its number of reviews, best first.")
    NEWEST = strawberry.enum_value("NEWEST", description="When the product reached the catalog, newest first.")
    NAME = strawberry.enum_value("NAME", description="By title in the listing's language (else English).")


@strawberry.enum(description=(
    "ASC: lowest price, lowest rating, A to Z, but best first for RELEVANCE and newest first "
    "for NEWEST (their natural order); DESC reverses."))
class SortDirection(Enum):
    ASC = strawberry.enum_value("ASC", description="The natural order (see SortDirection).")
    DESC = strawberry.enum_value("DESC", description="The reverse.")


@strawberry.input(description=(
    "The listing's order. RELEVANCE: rating weighed by its number of reviews; NEWEST: when the "
    "product first reached the catalog; NAME: title in the listing's language (else English). "
    "Ties go by id, so paging never repeats or skips a product."))
class ProductSort:
    field: ProductSortField = strawberry.field(
        default=ProductSortField.ID, description="The sort key.")
    direction: SortDirection = strawberry.field(
        default=SortDirection.ASC, description="ASC (the default) or DESC.")


@strawberry.input(description=(
    "Every filter is optional; all given ones must hold. A list keeps products with any of "
    "its values (an empty list matches nothing)."))
class ProductFilter:
    category_id: strawberry.ID | None = strawberry.field(
        default=None, description="This category or any of its descendants.")
    brand_id: strawberry.ID | None = strawberry.field(
        default=None, description="One brand (kept for old clients; see brandIds).")
    brand_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Any of these brands.")
    colours: list[str] | None = strawberry.field(
        default=None, description="Any of these colours, as the facets spell them.")
    sizes: list[str] | None = strawberry.field(default=None, description="Any of these sizes.")
    materials: list[str] | None = strawberry.field(
        default=None, description="Any of these materials.")
    genders: list[Gender] | None = strawberry.field(
        default=None, description="Made for any of these.")
    age_groups: list[AgeGroup] | None = strawberry.field(
        default=None, description="For any of these age groups.")
    min_price: float | None = strawberry.field(
        default=None, description="Lowest price (inclusive), in priceCurrency.")
    max_price: float | None = strawberry.field(
        default=None, description="Highest price (inclusive), in priceCurrency.")
    price_currency: str | None = strawberry.field(
        default=None, description="Currency of minPrice/maxPrice (default: the query's).")
    min_rating: float | None = strawberry.field(
        default=None, description="Lowest average review rating, 0 to 5.")
    ships_to: str | None = strawberry.field(
        default=None, description="Ships to this country and is not restricted there.")
    title_language: Language | None = strawberry.field(
        default=None, description="Only products with a title in this language.")
    in_stock: bool | None = strawberry.field(default=None, description=(
        "true: only products that can be bought now (stock above 0, or not tracked); false: "
        "only sold-out ones; null: both."))


def _strings(name: str, values: list[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    if len(values) > 100:
        raise errors.invalid(name, "at most 100 values", len(values))
    for value in values:
        if not 0 < len(value) <= 200:
            raise errors.invalid(name, "values of 1 to 200 characters", value)
    return tuple(values)


def _ids(name: str, values: list[strawberry.ID] | None) -> tuple[str, ...] | None:
    checked = _strings(name, values)
    return tuple(limits.check_id(v, name) for v in checked) if checked is not None else None


def _request(
    info: Info, f: ProductFilter, s: ProductSort, first: int | None, after: str | None,
    lang: str | None, currency: str | None, category_id: str | None,
) -> PageRequest:
    for name, value in (("filter.minPrice", f.min_price), ("filter.maxPrice", f.max_price)):
        if value is not None and not 0 <= value <= 1e9:
            raise errors.invalid(name, "a price from 0 to 1e9", value)
    if f.min_rating is not None and not 0 <= f.min_rating <= 5:
        raise errors.invalid("filter.minRating", "a rating from 0 to 5", f.min_rating)
    for name, value in (("filter.categoryId", f.category_id), ("filter.brandId", f.brand_id)):
        if value is not None:
            limits.check_id(value, name)
    brand_ids = _ids("filter.brandIds", f.brand_ids)
    if f.brand_id is not None:  # one brand more, or the only one
        brand_ids = (*(brand_ids or ()), str(f.brand_id))
    return PageRequest(
        category_id=category_id or f.category_id, brand_ids=brand_ids,
        colours=_strings("filter.colours", f.colours), sizes=_strings("filter.sizes", f.sizes),
        materials=_strings("filter.materials", f.materials),
        genders=tuple(g.value for g in f.genders) if f.genders is not None else None,
        age_groups=tuple(a.value for a in f.age_groups) if f.age_groups is not None else None,
        min_price=f.min_price, max_price=f.max_price,
        price_currency=limits.check_currency(f.price_currency, "filter.priceCurrency") or currency,
        min_rating=f.min_rating, ships_to=limits.check_country(f.ships_to, "filter.shipsTo"),
        title_lang=lang_code(f.title_language), in_stock=f.in_stock, sort=s.field.value,
        descending=s.direction is SortDirection.DESC, name_lang=lang or "en",
        first=first if first is not None else info.context.api.default_first, after=after,
    )


async def products_connection(
    info: Info, filter: ProductFilter | None, sort: ProductSort | None, first: int | None,
    after: str | None, lang: str | None, currency: str | None, category_id: str | None = None,
    brand_id: str | None = None,
) -> ProductConnection:
    """Validate the arguments and read one page; shared by ``products``, ``Category.products``
    and ``Brand.products`` (whose brand replaces any brand filter)."""
    req = _request(info, filter or ProductFilter(), sort or ProductSort(), first, after, lang,
                   currency, category_id)
    if brand_id is not None:
        req = replace(req, brand_ids=(brand_id,))
    page = await product_page(info.context, req)
    edges = [ProductEdge(cursor=c, node=Product.of(r, lang, currency))
             for r, c in zip(page.records, page.cursors, strict=True)]
    return ProductConnection(edges=edges, page_info=PageInfo(
        has_next_page=page.has_next, has_previous_page=after is not None,
        start_cursor=page.cursors[0] if page.cursors else None,
        end_cursor=page.cursors[-1] if page.cursors else None,
    ), _request=req, _lang=lang)


async def facets_of(info: Info, req: PageRequest, lang: str | None) -> ProductFacets:
    """The facets around ``req``'s filter, labelled in ``lang``: listings' and search's alike."""
    counts = await product_facets(info.context, req)
    return await _facets(info, counts, lang, req.price_currency)


async def _facets(info: Info, counts: list[FacetCount], lang: str | None,
                  currency: str | None) -> ProductFacets:
    by_facet: dict[str, list[FacetCount]] = defaultdict(list)
    for c in counts:
        by_facet[c.facet].append(c)
    loaders = info.context.loaders
    categories = await loaders.category.load_many([c.value for c in by_facet["CATEGORY"]])
    brands = await loaders.brand.load_many([c.value for c in by_facet["BRAND"]])

    def plain(facet: str) -> list[FacetValue]:
        return [FacetValue(value=c.value, label=None, count=c.count) for c in by_facet[facet]]

    def named(facet: str, kind: type[Gender] | type[AgeGroup]) -> list[FacetValue]:
        members = ((enum_of(kind, c.value), c.count) for c in by_facet[facet])
        return [FacetValue(value=m.name, label=None, count=n) for m, n in members if m]

    code = (await info.context.rate(currency)).code
    edges = dict(zip(PRICE_EDGES, (*PRICE_EDGES[1:], None), strict=True))
    prices = sorted((float(c.value), c.count) for c in by_facet["PRICE"])
    return ProductFacets(
        categories=[FacetValue(value=c.value, count=c.count,
                               label=pick_text(r.props, "name", lang)[0] if r else None)
                    for c, r in zip(by_facet["CATEGORY"], categories, strict=True)],
        brands=[FacetValue(value=c.value, count=c.count, label=r.name if r else None)
                for c, r in zip(by_facet["BRAND"], brands, strict=True)],
        colours=plain("COLOUR"), sizes=plain("SIZE"), materials=plain("MATERIAL"),
        genders=named("GENDER", Gender), age_groups=named("AGE_GROUP", AgeGroup),
        ships_to=plain("SHIPS_TO"),
        price_ranges=[PriceRange(min=low, max=edges.get(low), currency=code, count=n)
                      for low, n in prices],
    )
