"""Mutations: catalog managers create and update products, prices and shipping; shoppers (or
staff) erase a shopper's data.

Inputs are checked with the same pydantic models the catalog loader uses (``loaders.models``)
and written through the same named statements, so a product made here is indistinguishable from
a loaded one. Unknown references are a ``NOT_FOUND`` error naming the row.
"""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace
from typing import Any

import strawberry
from pydantic import ValidationError

from api import errors, limits
from api.auth import Role
from api.erasure import erase_shopper_files
from api.schema.catalog import Product
from api.schema.enrichment import EnrichmentMutation
from api.schema.enums import AgeGroup, Gender
from api.schema.common import Info, Language
from borderless.errors import ApiError
from gnn.checkpoints import models_dir
from gnn.settings import get_gnn_settings
from loaders.catalog import CONVERTERS
from loaders.models import ProductRow, ShippingRow

log = logging.getLogger(__name__)

MAX_ROWS = 100


@strawberry.input
class LocalizedTextInput:
    lang: Language
    text: str


@strawberry.input
class ProductInput:
    id: strawberry.ID
    brand_id: strawberry.ID
    category_id: strawberry.ID
    price: float
    currency: str
    titles: list[LocalizedTextInput]
    descriptions: list[LocalizedTextInput] | None = None
    colour: str | None = None
    material: str | None = None
    size: str | None = None
    gender: Gender | None = strawberry.field(default=None, description="Who it is made for.")
    age_group: AgeGroup | None = strawberry.field(default=None, description="Its age group.")


@strawberry.input
class PriceInput:
    product_id: strawberry.ID
    amount: float
    currency: str


@strawberry.input
class ShippingInput:
    product_id: strawberry.ID
    country: str
    days: int
    cost: float
    currency: str | None = strawberry.field(default=None, description="Default: base currency.")


@strawberry.input
class ShippingKeyInput:
    product_id: strawberry.ID
    country: str


@strawberry.type
class ShippingChange:
    product_id: strawberry.ID
    country: str


@strawberry.type(description="What erasing a shopper removed; their reviews stay, anonymous.")
class ShopperDeletion:
    shopper_id: strawberry.ID
    interactions_deleted: int
    reviews_unlinked: int
    relationships_deleted: int
    files_erased: int = strawberry.field(description=(
        "Files under the state folder (model checkpoints, quarantine files, generated catalogs,"
        " logs) rewritten without the shopper, or removed."))


def _validated(model: type, index: int, argument: str, data: dict[str, Any]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as e:
        problems = "; ".join(f"{'.'.join(map(str, err['loc'])) or '(row)'}: {err['msg']}"
                             for err in e.errors())
        raise ApiError(errors.INVALID_ARGUMENT, f"{argument}[{index}]: {problems}") from e


def _check_rows(rows: list[Any], argument: str) -> None:
    if not 1 <= len(rows) <= MAX_ROWS:
        raise errors.invalid(argument, f"1 to {MAX_ROWS} rows", f"{len(rows)} rows")


async def _base_amount(info: Info, amount: float, currency: str | None, argument: str) -> float:
    rate = await info.context.rate(limits.check_currency(currency, argument))
    return round(amount / rate.rate, 2)


async def _write_all(info: Info, name: str, rows: list[dict[str, Any]], what: str) -> None:
    """Write rows keyed by ``key`` in one transaction: all of them, or (rolled back) none."""
    def every_row_written(result: list[dict[str, Any]]) -> None:
        written = {r["key"] for r in result}
        gone = [row["key"] for row in rows if row["key"] not in written]
        if gone:
            raise ApiError(errors.NOT_FOUND,
                           f"nothing written: {what} refer to something that does not exist: {gone}")

    await info.context.graph.write(name, rows=rows, check=every_row_written)


async def _write_products(
    info: Info, name: str, rows: list[dict[str, Any]], what: str,
) -> list[Product]:
    """Write product rows all-or-nothing and return them as now stored."""
    await _write_all(info, name, rows, what)
    records = await info.context.loaders.product.load_many([r["id"] for r in rows])
    return [Product.of(r, None, None) for r in records if r is not None]


@strawberry.type
class Mutation(EnrichmentMutation):
    @strawberry.mutation(description="Create or update products (catalog managers).")
    async def upsert_products(self, info: Info, products: list[ProductInput]) -> list[Product]:
        ctx = info.context
        ctx.principal.require(Role.CATALOG_MANAGER, "upsertProducts")
        _check_rows(products, "products")
        params = []
        for i, p in enumerate(products):
            row = _validated(ProductRow, i, "products", {
                "id": p.id, "brand_id": p.brand_id, "category_id": p.category_id,
                "price": p.price, "currency": p.currency,
                "titles": {t.lang.value: t.text for t in p.titles},
                "descriptions": {t.lang.value: t.text for t in p.descriptions or []},
                "colour": p.colour, "material": p.material, "size": p.size,
                "gender": p.gender.value if p.gender else None,
                "age_group": p.age_group.value if p.age_group else None,
            })
            rate = await ctx.rate(limits.check_currency(row.currency, f"products[{i}].currency"))
            params.append(CONVERTERS["products"](row, SimpleNamespace(rates={row.currency: rate.rate})))
        return await _write_products(info, "writes/catalog_products", params,
                                     "products (brandId or categoryId)")

    @strawberry.mutation(description="Set prices, each in the currency the manager types it in.")
    async def set_prices(self, info: Info, prices: list[PriceInput]) -> list[Product]:
        ctx = info.context
        ctx.principal.require(Role.CATALOG_MANAGER, "setPrices")
        _check_rows(prices, "prices")
        rows = []
        for i, p in enumerate(prices):
            limits.check_id(p.product_id, f"prices[{i}].productId")
            if not 0 <= p.amount <= 1e9:
                raise errors.invalid(f"prices[{i}].amount", "an amount from 0 to 1e9", p.amount)
            base = await _base_amount(info, p.amount, p.currency, f"prices[{i}].currency")
            rows.append({"key": p.product_id, "id": p.product_id, "price": base,
                         "list_price": p.amount, "list_currency": p.currency})
        return await _write_products(info, "writes/api_set_prices", rows,
                                     "prices (unknown productId)")

    @strawberry.mutation(description="Create or update shipping rules (days, cost) per country.")
    async def set_shipping(self, info: Info, rules: list[ShippingInput]) -> list[ShippingChange]:
        ctx = info.context
        ctx.principal.require(Role.CATALOG_MANAGER, "setShipping")
        _check_rows(rules, "rules")
        params = []
        for i, r in enumerate(rules):
            cost = await _base_amount(info, r.cost, r.currency, f"rules[{i}].currency")
            row = _validated(ShippingRow, i, "rules", {
                "product_id": r.product_id, "country": r.country, "days": r.days, "cost": cost})
            params.append(CONVERTERS["shipping"](row, SimpleNamespace(rates={})))
        await _write_all(info, "writes/catalog_shipping", params,
                         "shipping rules (productId or country)")
        return [ShippingChange(product_id=p["product_id"], country=p["country"]) for p in params]

    @strawberry.mutation(description="Stop shipping products to countries.")
    async def remove_shipping(
        self, info: Info, rules: list[ShippingKeyInput],
    ) -> list[ShippingChange]:
        ctx = info.context
        ctx.principal.require(Role.CATALOG_MANAGER, "removeShipping")
        _check_rows(rules, "rules")
        rows = [{"key": f"{limits.check_id(r.product_id, f'rules[{i}].productId')}>"
                        f"{limits.check_country(r.country, f'rules[{i}].country')}",
                 "product_id": r.product_id, "country": r.country} for i, r in enumerate(rules)]
        written = {r["key"] for r in await ctx.graph.write("writes/api_remove_shipping", rows=rows)}
        return [ShippingChange(product_id=r["product_id"], country=r["country"])
                for r in rows if r["key"] in written]

    @strawberry.mutation(description="Erase a shopper and their personal data (privacy request).")
    async def delete_shopper(self, info: Info, id: strawberry.ID) -> ShopperDeletion:
        ctx = info.context
        ctx.principal.require_shopper(limits.check_id(id, "id"), "deleteShopper")
        rows = await ctx.graph.write("writes/api_delete_shopper", shopper_id=id)
        # Files too, even when the node is already gone: a request retried after a failure
        # half-way must still erase what the first attempt left.
        erased = await asyncio.to_thread(
            erase_shopper_files, ctx.settings, models_dir(ctx.settings, get_gnn_settings()), id)
        if erased.files:
            log.info("deleteShopper: %d file(s) rewritten, %d removed",
                     len(erased.rewritten), len(erased.removed))
        if not rows:
            if erased.files:
                return ShopperDeletion(shopper_id=id, interactions_deleted=0, reviews_unlinked=0,
                                       relationships_deleted=0, files_erased=erased.files)
            raise errors.not_found("shopper", id)
        row = rows[0]
        return ShopperDeletion(shopper_id=id, interactions_deleted=row["interactions"],
                               reviews_unlinked=row["reviews"], relationships_deleted=row["links"],
                               files_erased=erased.files)
