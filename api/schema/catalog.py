"""Catalog types: Product, Brand, Category and the Relay connection of products.

A product or category carries the *view* it was asked in (language, currency) so that its text
and prices come out the way the frontend asked, without repeating arguments on every field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api import limits
from api.catalog import brand_product_count
from api.records import (
    BrandRecord, CategoryRecord, CountryLink, ProductRecord, pick_product_text, pick_text,
)
from api.schema.common import (
    AfterArg, Country, CurrencyArg, FirstArg, Info, LangArg, MaybeAwaitable, Money, Restriction,
    Shipping, checked_currency, lang_code, money, money_at,
)
from api.schema.enums import AgeGroup, Gender, enum_of
from api.schema.reviews import ReviewConnection, reviews_connection

if TYPE_CHECKING:  # the listing module imports this one; Strawberry resolves these lazily
    from api.schema.listing import ProductConnection, ProductFilter, ProductSort

_LISTING = strawberry.lazy("api.schema.listing")
_FILTER_ARG = strawberry.argument(description="Which products: every given filter must hold.")
_SORT_ARG = strawberry.argument(description="The order (default: by id).")


@strawberry.type(description="A brand of the catalog.")
class Brand:
    id: strawberry.ID = strawberry.field(description="The brand's id (filter.brandIds takes it).")
    name: str = strawberry.field(description="The brand's name, as the brand writes it.")
    aliases: list[str] = strawberry.field(description="Other spellings shoppers use for it.")
    country: str | None = strawberry.field(description="ISO code of the brand's home country.")
    _product_count: strawberry.Private[int | None] = None  # known when read with the brand list

    @classmethod
    def of(cls, r: BrandRecord, product_count: int | None = None) -> Brand:
        return cls(id=strawberry.ID(r.id), name=r.name, aliases=r.aliases, country=r.country,
                   _product_count=product_count)

    @strawberry.field(description="How many products of this brand the catalog holds.")
    async def product_count(self, info: Info) -> int:
        if self._product_count is not None:
            return self._product_count
        return await brand_product_count(info.context, str(self.id))

    @strawberry.field(description=(
        "The brand's products, filtered, sorted and paged like `products` (any brand filter "
        "is replaced by this brand)."))
    async def products(
        self, info: Info,
        filter: Annotated[Annotated["ProductFilter", _LISTING] | None,  # noqa: UP037
                          _FILTER_ARG] = None,
        sort: Annotated[Annotated["ProductSort", _LISTING] | None, _SORT_ARG] = None,  # noqa: UP037
        first: FirstArg = None, after: AfterArg = None, lang: LangArg = None,
        currency: CurrencyArg = None,
    ) -> Annotated["ProductConnection", _LISTING]:  # noqa: UP037
        from api.schema.listing import products_connection  # a cycle: listing lists products

        return await products_connection(
            info, filter, sort, first, after, lang_code(lang),
            await checked_currency(info, currency), brand_id=str(self.id))


@strawberry.type(description="A category of the shop's taxonomy, seen in one language.")
class Category:
    id: strawberry.ID = strawberry.field(description="The category's id (filter.categoryId).")
    level: int | None = strawberry.field(description="Depth in the taxonomy, as the taxonomy gives it.")
    _record: strawberry.Private[CategoryRecord]
    _lang: strawberry.Private[str | None]
    _currency: strawberry.Private[str | None]

    @classmethod
    def of(cls, r: CategoryRecord, lang: str | None, currency: str | None = None) -> Category:
        return cls(id=strawberry.ID(r.id), level=r.props.get("level"), _record=r, _lang=lang,
                   _currency=currency)

    @strawberry.field(description="Name in the requested language (else English, else any).")
    def name(self, lang: LangArg = None) -> str | None:
        return pick_text(self._record.props, "name", lang_code(lang) or self._lang)[0]

    @strawberry.field(description="The category above this one; null for a root.")
    async def parent(self, info: Info) -> Category | None:
        if self._record.parent_id is None:
            return None
        record = await info.context.loaders.category.load(self._record.parent_id)
        return Category.of(record, self._lang, self._currency) if record else None

    @strawberry.field(description="The categories right below this one.")
    async def children(self, info: Info) -> list[Category]:
        records = await info.context.loaders.children.load(self._record.id)
        return [Category.of(r, self._lang, self._currency) for r in records]

    @strawberry.field(description="From the root of the taxonomy down to this category.")
    async def breadcrumbs(self, info: Info) -> list[Category]:
        records = await info.context.loaders.breadcrumbs.load(self._record.id)
        return [Category.of(r, self._lang, self._currency) for r in records]

    @strawberry.field(description="Products in this category or any of its descendants.")
    async def products(
        self, info: Info,
        # Quoted: Strawberry resolves a lazy type by its name, which is not bound at run time.
        filter: Annotated[Annotated["ProductFilter", _LISTING] | None,  # noqa: UP037
                          _FILTER_ARG] = None,
        sort: Annotated[Annotated["ProductSort", _LISTING] | None, _SORT_ARG] = None,  # noqa: UP037
        first: FirstArg = None, after: AfterArg = None,
    ) -> Annotated["ProductConnection", _LISTING]:  # noqa: UP037
        from api.schema.listing import products_connection  # a cycle: listing lists products

        return await products_connection(
            info, filter, sort, first, after, self._lang, self._currency, category_id=self._record.id)


@strawberry.type(description="A product, its text and prices in the language and currency asked.")
class Product:
    """A product seen in one language and currency.

    Plain values are attributes filled in by :meth:`of`, and fields whose data came with the
    product (brand, category path, shipping, price once the rate table is at hand) answer without
    an await: graphql-core runs each awaited field as a task of its own, which cost more than the
    field itself. Only when the data is missing do they wait for a loader.
    """

    id: strawberry.ID = strawberry.field(description="The product's id in the catalog.")
    list_price: Money | None = strawberry.field(
        description="The price as the catalog manager entered it.")
    colour: str | None = strawberry.field(
        description="Colour as the catalog names it (open vocabulary; see the listing facets).")
    material: str | None = strawberry.field(description="Main material, as the catalog names it.")
    size: str | None = strawberry.field(description="Size, as the catalog names it.")
    gender: Gender | None = strawberry.field(description="Who the product is made for.")
    age_group: AgeGroup | None = strawberry.field(description="The age group it is made for.")
    avg_rating: float | None = strawberry.field(
        description="Average review rating, 1 to 5; null without reviews.")
    review_count: int = strawberry.field(description="How many reviews the product has.")
    sentiment: float | None = strawberry.field(
        description="Review sentiment from -1 (negative) to 1; null until scored.")
    stock: int | None = strawberry.field(
        description="Units on hand as the catalog last said; null where stock is not tracked.")
    in_stock: bool = strawberry.field(description=(
        "Whether it can be bought now: false only for a stock of 0 (sold out, never "
        "recommended); true where stock is not tracked."))
    _record: strawberry.Private[ProductRecord]
    _lang: strawberry.Private[str | None]
    _currency: strawberry.Private[str | None]

    @classmethod
    def of(cls, r: ProductRecord, lang: str | None, currency: str | None) -> Product:
        p = r.props
        amount, code = p.get("list_price"), p.get("list_currency")
        rating, sentiment, stock = p.get("avg_rating"), p.get("sentiment"), p.get("stock")
        return cls(
            id=strawberry.ID(r.id),
            list_price=Money(amount=amount, currency=code, rate_date=None)
            if amount and code else None,
            colour=p.get("colour"), material=p.get("material"), size=p.get("size"),
            gender=enum_of(Gender, p.get("gender")), age_group=enum_of(AgeGroup, p.get("age_group")),
            avg_rating=float(rating) if rating is not None else None,
            review_count=int(p.get("review_count") or 0),
            sentiment=float(sentiment) if isinstance(sentiment, (int, float)) else None,
            stock=int(stock) if stock is not None else None,
            in_stock=stock is None or int(stock) > 0,
            _record=r, _lang=lang, _currency=currency,
        )

    @strawberry.field(description=(
        "Title in the requested language (else its machine translation, else English, else any)."))
    def title(self, lang: LangArg = None) -> str | None:
        return pick_product_text(self._record, "title", lang_code(lang) or self._lang)[0]

    @strawberry.field(description="The language `title` is actually in (after fallback).")
    def title_language(self, lang: LangArg = None) -> str | None:
        return pick_product_text(self._record, "title", lang_code(lang) or self._lang)[1]

    @strawberry.field(description=(
        "True when `title` in this language is a machine translation (`borderless enrich`) "
        "that no catalog manager has reviewed; the shop's own text is never flagged."))
    def machine_translated(self, lang: LangArg = None) -> bool:
        return pick_product_text(self._record, "title", lang_code(lang) or self._lang)[2]

    @strawberry.field(description=(
        "Description in the requested language (else its machine translation, else English, else any)."))
    def description(self, lang: LangArg = None) -> str | None:
        return pick_product_text(self._record, "description", lang_code(lang) or self._lang)[0]

    @strawberry.field(description="True when `description` in this language is an unreviewed machine translation.")
    def description_machine_translated(self, lang: LangArg = None) -> bool:
        return pick_product_text(self._record, "description", lang_code(lang) or self._lang)[2]

    @strawberry.field(description="Price in the requested currency (default: the base currency).",
                      graphql_type=Money | None)
    def price(self, info: Info, currency: CurrencyArg = None) -> MaybeAwaitable[Money | None]:
        amount = self._record.props.get("price")
        code = limits.check_currency(currency) or self._currency
        if amount is None:
            return None
        rate = info.context.rate_now(code)
        if rate is None:
            return money(info, amount, code)
        return money_at(rate, amount, info.context.settings.base_currency)

    @strawberry.field(graphql_type=Brand | None, description="The product's brand.")
    def brand(self, info: Info) -> MaybeAwaitable[Brand | None]:
        if self._record.brand is not None:
            return Brand.of(self._record.brand)
        if self._record.brand_id is None:
            return None
        return self._load_brand(info, self._record.brand_id)

    async def _load_brand(self, info: Info, brand_id: str) -> Brand | None:
        record = await info.context.loaders.brand.load(brand_id)
        return Brand.of(record) if record else None

    @strawberry.field(graphql_type=Category | None,
                      description="The category the product is filed in (the deepest one).")
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

    @strawberry.field(graphql_type=list[Shipping],
                      description="Countries it ships to, with days and cost in the currency.")
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

    @strawberry.field(description="Countries it may not be sold into, and why.")
    async def restrictions(self, info: Info) -> list[Restriction]:
        links = await info.context.loaders.restrictions.load(self._record.id)
        return [_restriction(x, self._lang) for x in links]

    @strawberry.field(description=(
        "The product's reviews, newest first, each in the language asked for when the shopper "
        "wrote in it or a translation is stored (flagged `machineTranslated`; the original is "
        "kept in `originalText`)."))
    async def reviews(self, info: Info, first: FirstArg = None, after: AfterArg = None,
                      lang: LangArg = None) -> ReviewConnection:
        return await reviews_connection(info, self._record.id, int(self._record.props.get("review_count") or 0),
                                        first, after, lang_code(lang) or self._lang)


def _restriction(link: CountryLink, lang: str | None) -> Restriction:
    """A restriction with its reason in ``lang`` where the catalog wrote one, else in English."""
    reason, reason_lang = pick_text({**(link.reasons or {}), "reason_en": link.reason}, "reason", lang)
    return Restriction(country=Country(code=link.country, name=link.country_name),
                       reason=reason, reason_language=reason_lang)
