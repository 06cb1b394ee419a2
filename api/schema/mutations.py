"""Mutations: catalog managers create and update products, prices and shipping; shoppers (or
staff) erase a shopper's data.

Inputs are checked with the same pydantic models the catalog loader uses (``loaders.models``)
and written through the same named statements, so a product made here is indistinguishable from
a loaded one. Every mistake in the input comes back as a ``userError`` naming its field, all at
once: the values' checks and the references to products, brands, categories and countries the
catalog lacks (``NOT_FOUND``, looked up in one read before writing), and then nothing is written
(api.schema.payloads). Each message says which row (``product 'p-1' to 'DE'``) and what is wrong.
"""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace
from typing import Annotated, Any

import strawberry

from api import limits
from api.auth import Role
from api.erasure import erase_shopper_files
from api.schema.assistant import AssistantMutation
from api.schema.catalog import Product
from api.schema.enrichment import EnrichmentMutation
from api.schema.review_translation import ReviewTranslationMutation
from api.schema.events import EventInput, RecordEventsPayload, resolve_record_events
from api.schema.common import Info
from api.schema.mutation_inputs import PriceInput, ProductInput, ShippingInput, ShippingKeyInput
from api.schema.payloads import (
    ProductsPayload, Reference, ShippingChange, ShippingPayload, UserError, UserErrorCode,
    UserErrors, checked, checked_async, report_missing, validated,
)
from gnn.checkpoints import models_dir
from gnn.settings import get_gnn_settings
from loaders.catalog import CONVERTERS
from loaders.models import ProductRow, ShippingRow

log = logging.getLogger(__name__)

MAX_ROWS = 100


@strawberry.type(description="What erasing a shopper removed; their reviews stay, anonymous.")
class ShopperDeletion:
    shopper_id: strawberry.ID = strawberry.field(description="The shopper erased.")
    interactions_deleted: int = strawberry.field(description="Their interactions removed.")
    reviews_unlinked: int = strawberry.field(description="Their reviews, kept but anonymous now.")
    relationships_deleted: int = strawberry.field(description="Other links of theirs removed.")
    files_erased: int = strawberry.field(description=(
        "Files under the state folder (model checkpoints, quarantine files, generated catalogs,"
        " logs) rewritten without the shopper, or removed."))
    sessions_deleted: int = strawberry.field(default=0, description=(
        "Shop sessions the shopper signed in with, deleted with the events left on them."))
    impressions_deleted: int = strawberry.field(default=0, description=(
        "Impression events the shopper (or their sessions) recorded."))


def _check_rows(rows: list[Any], argument: str) -> None:
    if not 1 <= len(rows) <= MAX_ROWS:
        raise UserErrors([UserError(field=[argument], code=UserErrorCode.INVALID,
                                    message=f"{argument}: expected 1 to {MAX_ROWS} rows, got {len(rows)}")])


def _raise_if(found: list[UserError]) -> None:
    """Answer with every user error found, row by row (stable: a row's own order is kept)."""
    def row(e: UserError) -> int:
        return int(e.field[1]) if e.field and len(e.field) > 1 and e.field[1].isdigit() else -1

    if found:
        raise UserErrors(sorted(found, key=row))


async def _write_all(info: Info, name: str, rows: list[dict[str, Any]], argument: str,
                     what: str) -> None:
    """Write rows keyed by ``key`` in one transaction: all of them, or (rolled back) none.

    The references were checked before (:func:`report_missing`); a row the statement still
    matched nothing for lost its product, brand, category or country meanwhile.
    """
    def every_row_written(result: list[dict[str, Any]]) -> None:
        written = {r["key"] for r in result}
        gone = [(i, row["key"]) for i, row in enumerate(rows) if row["key"] not in written]
        if gone:
            raise UserErrors([UserError(
                field=[argument, str(i)], code=UserErrorCode.NOT_FOUND,
                message=f"{argument}[{i}] ({key}): {what} was removed while this was written; "
                        "nothing was written") for i, key in gone])

    await info.context.graph.write(name, rows=rows, check=every_row_written)


async def _write_products(info: Info, name: str, rows: list[dict[str, Any]], argument: str,
                          what: str) -> list[Product]:
    """Write product rows all-or-nothing and return them as now stored."""
    await _write_all(info, name, rows, argument, what)
    records = await info.context.loaders.product.load_many([r["id"] for r in rows])
    return [Product.of(r, None, None) for r in records if r is not None]


@strawberry.type(description="What erasing a shopper did, or why it did nothing.")
class ShopperDeletionPayload:
    deletion: ShopperDeletion | None = strawberry.field(
        description="What was removed; null when there are user errors.")
    user_errors: list[UserError] = strawberry.field(
        description="Mistakes in the input (an unknown shopper); when any, nothing was erased.")


@strawberry.type(description="Writes: catalog managers edit the catalog and review its machine "
                             "wording; shoppers record events, talk to the assistant and erase "
                             "their data.")
class Mutation(AssistantMutation, EnrichmentMutation, ReviewTranslationMutation):
    @strawberry.mutation(description="Create or update products (catalog managers).")
    async def upsert_products(
        self, info: Info, products: Annotated[list[ProductInput], strawberry.argument(
            description=f"1 to {MAX_ROWS} products, written all or none.")],
    ) -> ProductsPayload:
        ctx = info.context
        ctx.principal.require(Role.CATALOG_MANAGER, "upsertProducts")
        try:
            _check_rows(products, "products")
            found: list[UserError] = []
            params = []
            refs: list[Reference] = []
            for i, p in enumerate(products):
                about = f"product {p.id!r}"
                row = validated(ProductRow, found, ["products", str(i)], {
                    "id": p.id, "brand_id": p.brand_id, "category_id": p.category_id,
                    "price": p.price, "currency": p.currency,
                    "titles": {t.lang.value: t.text for t in p.titles},
                    "descriptions": {t.lang.value: t.text for t in p.descriptions or []},
                    "colour": p.colour, "material": p.material, "size": p.size,
                    "gender": p.gender.value if p.gender else None,
                    "age_group": p.age_group.value if p.age_group else None, "stock": p.stock,
                }, names={"brand_id": "brandId", "category_id": "categoryId"}, about=about)
                refs += [Reference(["products", str(i), "brandId"], "brand", p.brand_id, about),
                         Reference(["products", str(i), "categoryId"], "category", p.category_id, about)]
                # Checked even when the row is broken: every mistake is reported at once.
                rate = await checked_async(found, ["products", str(i), "currency"],
                                           lambda p=p, i=i: ctx.rate(limits.check_currency(
                                               p.currency, f"products[{i}].currency")), about)
                if row is not None and rate is not None:
                    params.append(CONVERTERS["products"](
                        row, SimpleNamespace(rates={row.currency: rate.rate})))
            await report_missing(ctx.graph, found, refs)
            _raise_if(found)
            made = await _write_products(info, "writes/catalog_products", params, "products",
                                         "its brand or category")
        except UserErrors as e:
            return ProductsPayload(products=[], user_errors=e.found)
        return ProductsPayload(products=made, user_errors=[])

    @strawberry.mutation(description="Set prices, each in the currency the manager types it in.")
    async def set_prices(
        self, info: Info, prices: Annotated[list[PriceInput], strawberry.argument(
            description=f"1 to {MAX_ROWS} prices, written all or none.")],
    ) -> ProductsPayload:
        ctx = info.context
        ctx.principal.require(Role.CATALOG_MANAGER, "setPrices")
        try:
            _check_rows(prices, "prices")
            found: list[UserError] = []
            rows = []
            for i, p in enumerate(prices):
                at, about = ["prices", str(i)], f"product {p.product_id!r}"
                checked(found, [*at, "productId"],
                        lambda pid=p.product_id, i=i: limits.check_id(pid, f"prices[{i}].productId"))
                if not 0 <= p.amount <= 1e9:
                    found.append(UserError(field=[*at, "amount"], code=UserErrorCode.INVALID,
                                           message=f"prices[{i}].amount ({about}): expected an "
                                                   f"amount from 0 to 1e9, got {p.amount}"))
                base = await checked_async(found, [*at, "currency"], lambda p=p, i=i: _base_amount(
                    info, p.amount, p.currency, f"prices[{i}].currency"), about)
                rows.append({"key": p.product_id, "id": p.product_id, "price": base,
                             "list_price": p.amount, "list_currency": p.currency})
            await report_missing(ctx.graph, found, [
                Reference(["prices", str(i), "productId"], "product", p.product_id)
                for i, p in enumerate(prices)])
            _raise_if(found)
            priced = await _write_products(info, "writes/api_set_prices", rows, "prices",
                                           "the product")
        except UserErrors as e:
            return ProductsPayload(products=[], user_errors=e.found)
        return ProductsPayload(products=priced, user_errors=[])

    @strawberry.mutation(description="Create or update shipping rules (days, cost) per country.")
    async def set_shipping(
        self, info: Info, rules: Annotated[list[ShippingInput], strawberry.argument(
            description=f"1 to {MAX_ROWS} rules, written all or none.")],
    ) -> ShippingPayload:
        ctx = info.context
        ctx.principal.require(Role.CATALOG_MANAGER, "setShipping")
        try:
            _check_rows(rules, "rules")
            found: list[UserError] = []
            params = []
            for i, r in enumerate(rules):
                about = f"product {r.product_id!r} to {r.country!r}"
                cost = await checked_async(found, ["rules", str(i), "currency"], lambda r=r, i=i:
                                           _base_amount(info, r.cost, r.currency,
                                                        f"rules[{i}].currency"), about)
                # The cost as typed is checked (a converted one would name another number).
                row = validated(ShippingRow, found, ["rules", str(i)], {
                    "product_id": r.product_id, "country": r.country, "days": r.days,
                    "cost": r.cost}, names={"product_id": "productId"}, about=about)
                if row is not None and cost is not None:
                    params.append(CONVERTERS["shipping"](row.model_copy(update={"cost": cost}),
                                                         SimpleNamespace(rates={})))
            await report_missing(ctx.graph, found, _shipping_refs(rules))
            _raise_if(found)
            await _write_all(info, "writes/catalog_shipping", params, "rules",
                             "its product or country")
        except UserErrors as e:
            return ShippingPayload(changes=[], user_errors=e.found)
        return ShippingPayload(changes=[ShippingChange(product_id=p["product_id"],
                                                       country=p["country"]) for p in params],
                               user_errors=[])

    @strawberry.mutation(description="Stop shipping products to countries.")
    async def remove_shipping(
        self, info: Info, rules: Annotated[list[ShippingKeyInput], strawberry.argument(
            description=f"1 to {MAX_ROWS} product and country pairs.")],
    ) -> ShippingPayload:
        ctx = info.context
        ctx.principal.require(Role.CATALOG_MANAGER, "removeShipping")
        try:
            _check_rows(rules, "rules")
            found: list[UserError] = []
            for i, r in enumerate(rules):
                checked(found, ["rules", str(i), "productId"],
                        lambda r=r, i=i: limits.check_id(r.product_id, f"rules[{i}].productId"))
                checked(found, ["rules", str(i), "country"],
                        lambda r=r, i=i: limits.check_country(r.country, f"rules[{i}].country"))
            await report_missing(ctx.graph, found, _shipping_refs(rules))
            _raise_if(found)
        except UserErrors as e:
            return ShippingPayload(changes=[], user_errors=e.found)
        rows = [{"key": f"{r.product_id}>{r.country}", "product_id": r.product_id,
                 "country": r.country} for r in rules]
        written = {r["key"] for r in await ctx.graph.write("writes/api_remove_shipping", rows=rows)}
        return ShippingPayload(changes=[ShippingChange(product_id=r["product_id"],
                                                       country=r["country"])
                                        for r in rows if r["key"] in written], user_errors=[])

    @strawberry.mutation(description=(
        "Record shop events: a signed-in shopper's own, else a session's (`sessionId` or the "
        "X-Session-Id header). A signed-in call naming a session first moves its events onto "
        "the shopper. Bad events are refused one by one in `userErrors`; the rest are stored."))
    async def record_events(
        self, info: Info,
        events: Annotated[list[EventInput], strawberry.argument(
            description="Up to 500 events, each with its own id.")],
        session_id: Annotated[str | None, strawberry.argument(
            description="The anonymous session (or the X-Session-Id header).")] = None,
    ) -> RecordEventsPayload:
        return await resolve_record_events(info, events, session_id)

    @strawberry.mutation(description="Erase a shopper and their personal data (privacy request).")
    async def delete_shopper(
        self, info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The shopper to erase.")],
    ) -> ShopperDeletionPayload:
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
                return ShopperDeletionPayload(user_errors=[], deletion=ShopperDeletion(
                    shopper_id=id, interactions_deleted=0, reviews_unlinked=0,
                    relationships_deleted=0, files_erased=erased.files))
            return ShopperDeletionPayload(deletion=None, user_errors=[UserError(
                field=["id"], code=UserErrorCode.NOT_FOUND, message=f"no shopper with id {id!r}")])
        row = rows[0]
        return ShopperDeletionPayload(user_errors=[], deletion=ShopperDeletion(
            shopper_id=id, interactions_deleted=row["interactions"],
            reviews_unlinked=row["reviews"], relationships_deleted=row["links"],
            sessions_deleted=row["sessions"], impressions_deleted=row["impressions"],
            files_erased=erased.files))


def _shipping_refs(rules: list[ShippingInput] | list[ShippingKeyInput]) -> list[Reference]:
    """Each rule's product and country, which must both be in the catalog."""
    refs: list[Reference] = []
    for i, r in enumerate(rules):
        about = f"product {r.product_id!r} to {r.country!r}"
        refs += [Reference(["rules", str(i), "productId"], "product", r.product_id, about),
                 Reference(["rules", str(i), "country"], "country", r.country, about)]
    return refs


async def _base_amount(info: Info, amount: float, currency: str | None, argument: str) -> float:
    rate = await info.context.rate(limits.check_currency(currency, argument))
    return round(amount / rate.rate, 2)
