"""Catalog types: Product, Brand, Category and the Relay connection of products.

A product or category carries the *view* it was asked in (language, currency) so that its text
and prices come out the way the frontend asked, without repeating arguments on every field.
"""

from __future__ import annotations

from enum import Enum

import strawberry

from api import errors, limits
from api.catalog import PageRequest, product_page
from api.records import BrandRecord, CategoryRecord, ProductRecord, pick_text
from api.schema.common import (
    Country, Info, Language, Money, PageInfo, Restriction, Shipping, lang_code, money,
)


@strawberry.type
class Brand:
    id: strawberry.ID
    name: str
    aliases: list[str]
    country: str | None

    @classmethod
    def of(cls, r: BrandRecord) -> Brand:
        return cls(id=strawberry.ID(r.id), name=r.name, aliases=r.aliases, country=r.country)


@strawberry.type
class Category:
    id: strawberry.ID
    level: int | None
    _record: strawberry.Private[CategoryRecord]
    _lang: strawberry.Private[str | None]
    _currency: strawberry.Private[str | None]

    @classmethod
    def of(cls, r: CategoryRecord, lang: str | None, currency: str | None = None) -> Category:
        return cls(id=strawberry.ID(r.id), level=r.props.get("level"), _record=r, _lang=lang,
                   _currency=currency)

    @strawberry.field(description="Name in the requested language (else English, else any).")
    def name(self, lang: Language | None = None) -> str | None:
        return pick_text(self._record.props, "name", lang_code(lang) or self._lang)[0]

    @strawberry.field
    async def parent(self, info: Info) -> Category | None:
        if self._record.parent_id is None:
            return None
        record = await info.context.loaders.category.load(self._record.parent_id)
        return Category.of(record, self._lang, self._currency) if record else None

    @strawberry.field
    async def children(self, info: Info) -> list[Category]:
        records = await info.context.loaders.children.load(self._record.id)
        return [Category.of(r, self._lang, self._currency) for r in records]

    @strawberry.field(description="From the root of the taxonomy down to this category.")
    async def breadcrumbs(self, info: Info) -> list[Category]:
        records = await info.context.loaders.breadcrumbs.load(self._record.id)
        return [Category.of(r, self._lang, self._currency) for r in records]

    @strawberry.field(description="Products in this category or any of its descendants.")
    async def products(
        self, info: Info, filter: ProductFilter | None = None, sort: ProductSort | None = None,
        first: int | None = None, after: str | None = None,
    ) -> ProductConnection:
        return await products_connection(
            info, filter, sort, first, after, self._lang, self._currency, category_id=self._record.id)


@strawberry.type
class Product:
    id: strawberry.ID
    _record: strawberry.Private[ProductRecord]
    _lang: strawberry.Private[str | None]
    _currency: strawberry.Private[str | None]

    @classmethod
    def of(cls, r: ProductRecord, lang: str | None, currency: str | None) -> Product:
        return cls(id=strawberry.ID(r.id), _record=r, _lang=lang, _currency=currency)

    @property
    def _props(self) -> dict:
        return self._record.props

    @strawberry.field(description="Title in the requested language (else English, else any).")
    def title(self, lang: Language | None = None) -> str | None:
        return pick_text(self._props, "title", lang_code(lang) or self._lang)[0]

    @strawberry.field(description="The language `title` is actually in (after fallback).")
    def title_language(self, lang: Language | None = None) -> str | None:
        return pick_text(self._props, "title", lang_code(lang) or self._lang)[1]

    @strawberry.field(description="Description in the requested language (else English, else any).")
    def description(self, lang: Language | None = None) -> str | None:
        return pick_text(self._props, "description", lang_code(lang) or self._lang)[0]

    @strawberry.field(description="Price in the requested currency (default: the base currency).")
    async def price(self, info: Info, currency: str | None = None) -> Money | None:
        return await money(info, self._props.get("price"),
                           limits.check_currency(currency) or self._currency)

    @strawberry.field(description="The price as the catalog manager entered it.")
    def list_price(self) -> Money | None:
        amount, code = self._props.get("list_price"), self._props.get("list_currency")
        return Money(amount=amount, currency=code, rate_date=None) if amount and code else None

    @strawberry.field
    def colour(self) -> str | None:
        return self._props.get("colour")

    @strawberry.field
    def material(self) -> str | None:
        return self._props.get("material")

    @strawberry.field
    def size(self) -> str | None:
        return self._props.get("size")

    @strawberry.field
    def gender(self) -> str | None:
        return self._props.get("gender")

    @strawberry.field
    def age_group(self) -> str | None:
        return self._props.get("age_group")

    @strawberry.field
    def avg_rating(self) -> float | None:
        value = self._props.get("avg_rating")
        return float(value) if value is not None else None

    @strawberry.field
    def review_count(self) -> int:
        return int(self._props.get("review_count") or 0)

    @strawberry.field(description="Review sentiment from -1 (negative) to 1; null until scored.")
    def sentiment(self) -> float | None:
        value = self._props.get("sentiment")
        return float(value) if isinstance(value, (int, float)) else None

    @strawberry.field
    async def brand(self, info: Info) -> Brand | None:
        if self._record.brand_id is None:
            return None
        record = await info.context.loaders.brand.load(self._record.brand_id)
        return Brand.of(record) if record else None

    @strawberry.field
    async def category(self, info: Info) -> Category | None:
        if self._record.category_id is None:
            return None
        record = await info.context.loaders.category.load(self._record.category_id)
        return Category.of(record, self._lang, self._currency) if record else None

    @strawberry.field(description="The category path from the root, for breadcrumbs.")
    async def category_path(self, info: Info) -> list[Category]:
        if self._record.category_id is None:
            return []
        records = await info.context.loaders.breadcrumbs.load(self._record.category_id)
        return [Category.of(r, self._lang, self._currency) for r in records]

    @strawberry.field
    async def ships_to(self, info: Info) -> list[Shipping]:
        links = await info.context.loaders.shipping.load(self._record.id)
        if not links:
            return []
        rate = await info.context.rate(self._currency)  # once, not once per country
        return [Shipping.of(link, rate, info.context.settings.base_currency) for link in links]

    @strawberry.field
    async def restrictions(self, info: Info) -> list[Restriction]:
        links = await info.context.loaders.restrictions.load(self._record.id)
        return [Restriction(country=Country(code=x.country, name=x.country_name), reason=x.reason)
                for x in links]


@strawberry.type
class ProductEdge:
    cursor: str
    node: Product


@strawberry.type(description="A Relay connection of products, paged by keyset cursors.")
class ProductConnection:
    edges: list[ProductEdge]
    page_info: PageInfo

    @strawberry.field
    def nodes(self) -> list[Product]:
        return [edge.node for edge in self.edges]


@strawberry.enum
class ProductSortField(Enum):
    ID = "ID"
    PRICE = "PRICE"
    RATING = "RATING"
    REVIEW_COUNT = "REVIEW_COUNT"


@strawberry.enum
class SortDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.input
class ProductSort:
    field: ProductSortField = ProductSortField.ID
    direction: SortDirection = SortDirection.ASC


@strawberry.input(description="Every filter is optional; all given ones must hold.")
class ProductFilter:
    category_id: strawberry.ID | None = strawberry.field(
        default=None, description="This category or any of its descendants.")
    brand_id: strawberry.ID | None = None
    min_price: float | None = None
    max_price: float | None = None
    price_currency: str | None = strawberry.field(
        default=None, description="Currency of minPrice/maxPrice (default: the query's).")
    min_rating: float | None = None
    ships_to: str | None = strawberry.field(
        default=None, description="Ships to this country and is not restricted there.")
    title_language: Language | None = strawberry.field(
        default=None, description="Only products with a title in this language.")


async def products_connection(
    info: Info, filter: ProductFilter | None, sort: ProductSort | None, first: int | None,
    after: str | None, lang: str | None, currency: str | None, category_id: str | None = None,
) -> ProductConnection:
    """Validate the arguments and read one page; shared by ``products`` and ``Category.products``."""
    f = filter or ProductFilter()
    s = sort or ProductSort()
    for name, value in (("filter.minPrice", f.min_price), ("filter.maxPrice", f.max_price)):
        if value is not None and not 0 <= value <= 1e9:
            raise errors.invalid(name, "a price from 0 to 1e9", value)
    if f.min_rating is not None and not 0 <= f.min_rating <= 5:
        raise errors.invalid("filter.minRating", "a rating from 0 to 5", f.min_rating)
    for name, value in (("filter.categoryId", f.category_id), ("filter.brandId", f.brand_id)):
        if value is not None:
            limits.check_id(value, name)
    req = PageRequest(
        category_id=category_id or f.category_id, brand_id=f.brand_id,
        min_price=f.min_price, max_price=f.max_price,
        price_currency=limits.check_currency(f.price_currency, "filter.priceCurrency") or currency,
        min_rating=f.min_rating, ships_to=limits.check_country(f.ships_to, "filter.shipsTo"),
        title_lang=lang_code(f.title_language), sort=s.field.value,
        descending=s.direction is SortDirection.DESC,
        first=first if first is not None else info.context.api.default_first, after=after,
    )
    page = await product_page(info.context, req)
    edges = [ProductEdge(cursor=c, node=Product.of(r, lang, currency))
             for r, c in zip(page.records, page.cursors, strict=True)]
    return ProductConnection(edges=edges, page_info=PageInfo(
        has_next_page=page.has_next, has_previous_page=after is not None,
        start_cursor=page.cursors[0] if page.cursors else None,
        end_cursor=page.cursors[-1] if page.cursors else None,
    ))
