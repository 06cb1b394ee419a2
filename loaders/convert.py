"""Catalog rows into statement parameters, and the key that makes each row unique.

Each entity's converter turns a validated row into the ``$rows`` entry its
``cypher/writes/catalog_<entity>.cypher`` statement expects; ``key`` is what the statement
returns for every row it wrote, and what duplicates within one load are found by.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.images import inspect_image, read_image_bytes

from loaders.models import (
    ENTITIES,
    LANGUAGES,
    BrandRow,
    CategoryRow,
    CountryRow,
    ExchangeRateRow,
    ImageRow,
    InteractionRow,
    ProductRow,
    RestrictionRow,
    ReviewRow,
    ShippingRow,
    ShopperRow,
    slug,
)
from loaders.models_service import (
    DeliveryPromiseRow,
    DutyNoteRow,
    HelpArticleRow,
    OrderEventRow,
    OrderLineRow,
    OrderRow,
    ReturnPolicyRow,
)


@dataclass
class Context:
    """What row conversion needs: exchange rates by currency code; where image files are."""

    rates: dict[str, float]
    directory: Path | None = None  # the catalog folder image paths are relative to
    image_max_bytes: int = 10_000_000


class UnknownCurrency(ValueError):
    """A price in a currency the graph has no exchange rate for."""


def row_key(entity: str, row: Any) -> tuple[str, str]:
    """The row's unique key within its entity, and the field(s) it is made of (for messages)."""
    if entity == "countries":
        return row.code, "code"
    if entity == "exchange_rates":
        return row.currency, "currency"
    if entity in ("shipping", "restrictions"):
        return f"{row.product_id}>{row.country}", "product_id, country"
    if entity == "order_lines":
        return f"{row.order_id}>{row.product_id}", "order_id, product_id"
    if entity == "order_events":
        return f"{row.order_id}>{row.status}", "order_id, status"
    if entity == "return_policies":
        return return_policy_id(row.country, row.category_id), "country, category_id"
    if entity in ("duty_notes", "delivery_promises"):
        return row.country, "country"
    if entity == "interactions":
        return row.key(), "id" if row.id else "shopper_id, product_id, kind, at"
    if entity == "images":
        return row.id, "product_id, position"
    return row.id, "id"


def return_policy_id(country: str, category_id: str | None) -> str:
    """A return policy's node id: its category (``*`` for every category) at its country."""
    return f"{category_id or '*'}@{country}"


def _country(row: CountryRow, _: Context) -> dict[str, Any]:
    return {"key": row.code, "code": row.code, "name": row.name, "currency": row.currency,
            "languages": row.languages}


def _rate(row: ExchangeRateRow, ctx: Context) -> dict[str, Any]:
    ctx.rates[row.currency] = row.rate
    return {"key": row.currency, "currency": row.currency, "rate": row.rate, "date": row.date}


def _brand(row: BrandRow, _: Context) -> dict[str, Any]:
    return {"key": row.id, "id": row.id, "name": row.name, "aliases": row.aliases,
            "aliases_text": " ".join(row.aliases), "name_key": slug(row.name),
            "country": row.country}


def _category(row: CategoryRow, _: Context) -> dict[str, Any]:
    props = {f"name_{lang}": text for lang, text in row.names.items()}
    return {"key": row.id, "id": row.id, "parent_id": row.parent_id, "props": props}


def _product(row: ProductRow, ctx: Context) -> dict[str, Any]:
    rate = ctx.rates.get(row.currency)
    if rate is None:
        raise UnknownCurrency(f"no exchange rate for {row.currency}; load exchange_rates first")
    props: dict[str, Any] = {
        "price": round(row.price / rate, 2), "list_price": row.price,
        "list_currency": row.currency, "colour": row.colour, "material": row.material,
        "size": row.size, "gender": row.gender, "age_group": row.age_group,
    }
    props |= {f"title_{lang}": text for lang, text in row.titles.items()}
    props |= {f"description_{lang}": text for lang, text in row.descriptions.items()}
    props = {k: v for k, v in props.items() if v is not None}
    # Written even when absent: SET += null removes a stock count the file no longer tracks.
    props["stock"] = row.stock
    return {"key": row.id, "id": row.id, "brand_id": row.brand_id,
            "category_id": row.category_id, "props": props}


def _shipping(row: ShippingRow, _: Context) -> dict[str, Any]:
    return {"key": f"{row.product_id}>{row.country}", **row.model_dump()}


def _restriction(row: RestrictionRow, _: Context) -> dict[str, Any]:
    # Every language listed, None included: SET += null removes a translation the file dropped.
    translated = {f"reason_{lang}": row.reasons.get(lang) for lang in LANGUAGES if lang != "en"}
    return {"key": f"{row.product_id}>{row.country}", "product_id": row.product_id,
            "country": row.country, "reason": row.reason, "translated": translated}


def _shopper(row: ShopperRow, _: Context) -> dict[str, Any]:
    return {"key": row.id, **row.model_dump()}


def _interaction(row: InteractionRow, _: Context) -> dict[str, Any]:
    return {"key": row.key(), "shopper_id": row.shopper_id, "product_id": row.product_id,
            "kind": row.kind, "at": row.at, "rating": row.rating, "order_id": row.order_id}


def _review(row: ReviewRow, _: Context) -> dict[str, Any]:
    return {"key": row.id, **row.model_dump()}


def _image(row: ImageRow, ctx: Context) -> dict[str, Any]:
    """An image row with its file checked and hashed (raises ``ImageRefused`` if unusable)."""
    # Every property an image row sets is listed, None included: ``SET i += $props`` removes a
    # property set to null, so a reload that drops an alt text or swaps a file for a URL leaves
    # nothing of the old row behind.
    props: dict[str, Any] = {"position": row.position, "url": row.url, "file": None,
                             "member": None, "format": None, "width": None, "height": None,
                             "content_hash": None}
    props |= {f"alt_{lang}": row.alts.get(lang) for lang in LANGUAGES}
    if row.path is not None:
        if ctx.directory is None:
            raise ValueError("image files need the catalog folder they are relative to")
        data = read_image_bytes(ctx.directory, row.path, row.archive, ctx.image_max_bytes)
        where = f"{row.path!r}" + (f" in {row.archive!r}" if row.archive else "")
        source = (ctx.directory / (row.archive or row.path)).resolve()
        props |= inspect_image(data, where)
        props |= {"file": str(source), "member": row.path if row.archive else None}
    return {"key": row.id, "id": row.id, "product_id": row.product_id, "props": props}
def _order(row: OrderRow, _: Context) -> dict[str, Any]:
    return {"key": row.id, **row.model_dump()}


def _order_line(row: OrderLineRow, _: Context) -> dict[str, Any]:
    return {"key": f"{row.order_id}>{row.product_id}", **row.model_dump()}


def _order_event(row: OrderEventRow, _: Context) -> dict[str, Any]:
    return {"key": f"{row.order_id}>{row.status}", **row.model_dump()}


def _return_policy(row: ReturnPolicyRow, _: Context) -> dict[str, Any]:
    # Every language listed, None included: SET += null removes a translation the file dropped.
    translated = {f"exceptions_{lang}": row.exceptions_by_language.get(lang)
                  for lang in LANGUAGES if lang != "en"}
    return {"key": return_policy_id(row.country, row.category_id),
            **row.model_dump(exclude={"exceptions_by_language"}), "translated": translated}


def _duty_note(row: DutyNoteRow, _: Context) -> dict[str, Any]:
    props: dict[str, Any] = {"duty_percent": row.duty_percent, "vat_percent": row.vat_percent,
                             "de_minimis": row.de_minimis}
    props |= {f"duty_text_{lang}": text for lang, text in row.texts.items()}
    return {"key": row.country, "country": row.country, "props": props}


def _delivery_promise(row: DeliveryPromiseRow, _: Context) -> dict[str, Any]:
    return {"key": row.country, **row.model_dump()}


def _help_article(row: HelpArticleRow, _: Context) -> dict[str, Any]:
    props: dict[str, Any] = {"topic": row.topic}
    props |= {f"title_{lang}": text for lang, text in row.titles.items()}
    props |= {f"text_{lang}": text for lang, text in row.texts.items()}
    return {"key": row.id, "id": row.id, "props": props}


CONVERTERS: dict[str, Callable[[Any, Context], dict[str, Any]]] = {
    "countries": _country, "exchange_rates": _rate, "brands": _brand, "categories": _category,
    "products": _product, "shipping": _shipping, "restrictions": _restriction,
    "shoppers": _shopper, "interactions": _interaction, "reviews": _review,
    "images": _image,
    "orders": _order, "order_lines": _order_line, "order_events": _order_event,
    "return_policies": _return_policy, "duty_notes": _duty_note,
    "delivery_promises": _delivery_promise, "help_articles": _help_article,
}
assert set(CONVERTERS) == set(ENTITIES) and len(LANGUAGES) == 7
