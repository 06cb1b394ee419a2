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
    Country, Info, Language, MaybeAwaitable, Money, PageInfo, Restriction, Shipping, lang_code,
    money, money_at,
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
    """A product seen in one language and currency.

    Plain values are attributes filled in by :meth:`of`, and fields whose data came with the
    product (brand, category path, shipping, price once the rate table is at hand) answer without
    an await: graphql-core runs each awaited field as a task of its own, which cost more than the
    field itself. Only when the data is missing do they wait for a loader.
    """

    id: strawberry.ID
    list_price: Money | None = strawberry.field(
        description="The price as the catalog manager entered it.")
    colour: str | None
    material: str | None
    size: str | None
    gender: str | None
    age_group: str | None
    avg_rating: float | None
    review_count: int
    sentiment: float | None = strawberry.field(
        description="Review sentiment from -1 (negative) to 1; null until scored.")
    _record: strawberry.Private[ProductRecord]
    _lang: strawberry.Private[str | None]
    _currency: strawberry.Private[str | None]

    @classmethod
    def of(cls, r: ProductRecord, lang: str | None, currency: str | None) -> Product:
        p = r.props
        amount, code = p.get("list_price"), p.get("list_currency")
        rating, sentiment = p.get("avg_rating"), p.get("sentiment")
        return cls(
            id=strawberry.ID(r.id),
            list_price=Money(amount=amount, currency=code, rate_date=None)
            if amount and code else None,
            colour=p.get("colour"), material=p.get("material"), size=p.get("size"),
            gender=p.get("gender"), age_group=p.get("age_group"),
            avg_rating=float(rating) if rating is not None else None,
            review_count=int(p.get("review_count") or 0),
            sentiment=float(sentiment) if isinstance(sentiment, (int, float)) else None,
            _record=r, _lang=lang, _currency=currency,
        )

    @strawberry.field(description="Title in the requested language (else English, else any).")
    def title(self, lang: Language | None = None) -> str | None:
        return pick_text(self._record.props, "title", lang_code(lang) or self._lang)[0]

    @strawberry.field(description="The language `title` is actually in (after fallback).")
    def title_language(self, lang: Language | None = None) -> str | None:
        return pick_text(self._record.props, "title", lang_code(lang) or self._lang)[1]

    @strawberry.field(description="Description in the requested language (else English, else any).")
    def description(self, lang: Language | None = None) -> str | None:
        return pick_text(self._record.props, "description", lang_code(lang) or self._lang)[0]

    @strawberry.field(description="Price in the requested currency (default: the base currency).",
                      graphql_type=Money | None)
    def price(self, info: Info, currency: str | None = None) -> MaybeAwaitable[Money | None]:
        amount = self._record.props.get("price")
        code = limits.check_currency(currency) or self._currency
        if amount is None:
            return None
        rate = info.context.rate_now(code)
        if rate is None:
            return money(info, amount, code)
        return money_at(rate, amount, info.context.settings.base_currency)

    @strawberry.field(graphql_type=Brand | None)
    def brand(self, info: Info) -> MaybeAwaitable[Brand | None]:
        if self._record.brand is not None:
            return Brand.of(self._record.brand)
        if self._record.brand_id is None:
            return None
        return self._load_brand(info, self._record.brand_id)

    async def _load_brand(self, info: Info, brand_id: str) -> Brand | None:
        record = await info.context.loaders.brand.load(brand_id)
        return Brand.of(record) if record else None

    @strawberry.field(graphql_type=Category | None)
    def category(self, info: Info) -> MaybeAwaitable[Category | None]:
        if self._record.path:
            return Category.of(self._record.path[-1], self._lang, self._currency)
        if self._record.category_id is None:
            return None
        return self._load_category(info, self._record.category_id)

    async def _load_category(self, info: Info, category_id: str) -> Category | None:
        record = await info.context.loaders.category.load(category_id)
        return Category.of(record, self._lang, self._currency) if record else None

    @strawberry.field(description="The category path from the root, for breadcrumbs.",
                      graphql_type=list[Category])
    def category_path(self, info: Info) -> MaybeAwaitable[list[Category]]:
        if self._record.path:
            return [Category.of(r, self._lang, self._currency) for r in self._record.path]
        if self._record.category_id is None:
            return []
        return self._load_category_path(info, self._record.category_id)

    async def _load_category_path(self, info: Info, category_id: str) -> list[Category]:
        records = await info.context.loaders.breadcrumbs.load(category_id)
        return [Category.of(r, self._lang, self._currency) for r in records]

    @strawberry.field(graphql_type=list[Shipping])
    def ships_to(self, info: Info) -> MaybeAwaitable[list[Shipping]]:
        links = self._record.shipping
        rate = info.context.rate_now(self._currency)
        if links is None or (links and rate is None):
            return self._load_ships_to(info)
        base = info.context.settings.base_currency
        return [Shipping.of(link, rate, base) for link in links] if links else []

    async def _load_ships_to(self, info: Info) -> list[Shipping]:
        links = self._record.shipping
        if links is None:
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
