"""Plain records read from the graph, before the GraphQL types give them a view.

Text fields live on nodes as ``title_<lang>`` / ``name_<lang>``; :func:`pick_text` chooses one
with the fallback a shopper expects: the requested language, then English, then any other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from loaders.models import LANGUAGES


def pick_text(props: dict[str, Any], prefix: str, lang: str | None) -> tuple[str | None, str | None]:
    """The text and its language for ``<prefix>_<lang>``, falling back to English, then any."""
    order = [lang] if lang else []
    order += ["en", *LANGUAGES]
    for candidate in order:
        text = props.get(f"{prefix}_{candidate}")
        if text:
            return text, candidate
    return None, None


def pick_product_text(record: ProductRecord, prefix: str,
                      lang: str | None) -> tuple[str | None, str | None, bool]:
    """Like :func:`pick_text`, with ``borderless enrich``'s translation of the requested language
    before the English fallback; the flag is True when the text is a machine translation (one a
    catalog manager has not reviewed)."""
    if lang and not record.props.get(f"{prefix}_{lang}"):
        translated = record.translations.get(f"{prefix}_{lang}")
        if translated:
            return translated[0], lang, translated[1] != "reviewed"
    text, found = pick_text(record.props, prefix, lang)
    return text, found, False


@dataclass(frozen=True)
class BrandRecord:
    id: str
    name: str
    aliases: list[str]
    country: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> BrandRecord:
        return cls(row["id"], row["name"], row.get("aliases") or [], row.get("country"))


@dataclass(frozen=True)
class ProductRecord:
    """A product with what its page shows beside it: brand and category path (root first).

    The page query reads brand and path in the same round trip, so the loaders are primed with
    them and a product page needs no extra reads for either.
    """

    id: str
    brand_id: str | None
    category_id: str | None
    props: dict[str, Any]
    brand: BrandRecord | None = None
    path: list[CategoryRecord] = field(default_factory=list)
    # Shipping rules when the query read them (a single product's page), else None.
    shipping: list[CountryLink] | None = None
    # Translations of texts the shop did not write: "title_fr" -> (text, source).
    translations: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ProductRecord:
        brand = BrandRecord.from_row(row["brand"]) if row.get("brand") else None
        ancestors = sorted(row.get("ancestors") or [], key=lambda a: -a["depth"])
        path, parent = [], None
        for a in ancestors:
            path.append(CategoryRecord(a["id"], parent, a["props"]))
            parent = a["id"]
        shipping = row.get("shipping")
        links = None if shipping is None else country_links(shipping)
        translations = {key: (text, source) for key, text, source in row.get("translations") or []
                        if text}
        return cls(row["id"], row.get("brand_id"), row.get("category_id"), row["props"],
                   brand, path, links, translations)


@dataclass(frozen=True)
class CategoryRecord:
    id: str
    parent_id: str | None
    props: dict[str, Any]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> CategoryRecord:
        return cls(row["id"], row.get("parent_id"), row["props"])


@dataclass(frozen=True)
class Rate:
    """Units of ``code`` per one unit of the base currency, as of ``on``."""

    code: str
    rate: float
    on: date | None


@dataclass(frozen=True)
class ShopperRecord:
    id: str
    country: str | None
    language: str | None
    currency: str | None


@dataclass(frozen=True)
class CountryLink:
    """A product-to-country edge: shipping (days, cost) or a restriction (reason)."""

    country: str
    country_name: str | None
    days: int | None = None
    cost: float | None = None
    reason: str | None = None
    reasons: dict[str, str | None] | None = None  # reason_<lang> -> the reason in that language


def country_links(rows: list[dict[str, Any]]) -> list[CountryLink]:
    """Edges as read from the graph, ordered by country code."""
    links = [CountryLink(r["country"], r.get("country_name"), days=r.get("days"),
                         cost=r.get("cost"), reason=r.get("reason"),
                         reasons=r.get("reasons")) for r in rows]
    return sorted(links, key=lambda link: link.country)
