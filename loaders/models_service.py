"""Catalog rows for customer service: orders with their lines and status history, and policies.

Kept beside :mod:`loaders.models` (which lists them in ``ENTITIES``) so that module stays one
screenful per concern. Orders refer to shoppers, products and countries, so they load after
those; a purchase interaction may name its order (``InteractionRow.order_id``), so orders load
before interactions. Policies (returns per destination and category, duties per country, delivery
promises per country) and help articles refer only to countries and categories.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field, field_validator, model_validator

from loaders.models import (
    CountryCode,
    CurrencyCode,
    Id,
    Money,
    Row,
    _check_languages,
    _utc,
)

# An order's life, in the order a parcel lives it; the assistant names them in each language.
ORDER_STATUSES = ("placed", "paid", "shipped", "in_customs", "delivered", "returned", "cancelled")
RETURN_PAYERS = ("shopper", "shop")


class OrderRow(Row):
    """One order: who placed it, where it goes, who carries it and when it should arrive."""

    id: Id
    shopper_id: Id
    country: CountryCode  # shipped to
    currency: CurrencyCode  # what the shopper paid in
    placed_at: datetime
    carrier: str | None = Field(default=None, max_length=100)
    tracking_id: str | None = Field(default=None, max_length=100)
    promised_by: date | None = None
    estimated_by: date | None = None

    _placed_utc = field_validator("placed_at")(_utc)


class OrderLineRow(Row):
    """A product in an order: how many, and the unit price paid in the order's currency."""

    order_id: Id
    product_id: Id
    quantity: int = Field(ge=1, le=10_000)
    price: Money
    currency: CurrencyCode


class OrderEventRow(Row):
    """One step of an order's status history; one row per order and status."""

    order_id: Id
    status: Literal["placed", "paid", "shipped", "in_customs", "delivered", "returned",
                    "cancelled"]
    at: datetime
    note: str | None = Field(default=None, max_length=500)

    _at_utc = field_validator("at")(_utc)


class ReturnPolicyRow(Row):
    """How returns work into ``country``: for one category, or every category when none is given."""

    country: CountryCode
    category_id: Id | None = None
    window_days: int = Field(ge=0, le=365)  # 0: not returnable
    paid_by: Literal["shopper", "shop"]
    exceptions: list[str] = Field(default_factory=list)  # in English, the answers' fallback
    # The same exceptions in the other languages, optional like titles (``exceptions_de`` ...,
    # ``|``-separated in CSV); a language without them is answered in English, marked as such.
    exceptions_by_language: dict[str, list[str]] = Field(default_factory=dict)

    _exception_langs = field_validator("exceptions_by_language")(_check_languages)

    @model_validator(mode="after")
    def _english_once(self) -> ReturnPolicyRow:
        """``exceptions_en`` is another name for ``exceptions``; both given must agree."""
        english = self.exceptions_by_language.pop("en", None)
        if english is not None:
            if self.exceptions and self.exceptions != english:
                raise ValueError(f"exceptions {self.exceptions} and exceptions_en {english} differ")
            self.exceptions = english
        return self


class DutyNoteRow(Row):
    """Import duty and tax on orders into ``country``; percentages of the goods' value."""

    country: CountryCode
    duty_percent: float = Field(ge=0, le=100, allow_inf_nan=False)
    vat_percent: float = Field(ge=0, le=100, allow_inf_nan=False)
    de_minimis: Money  # goods worth less than this (base currency) pay no duty
    texts: dict[str, str] = Field(default_factory=dict)

    _text_langs = field_validator("texts")(_check_languages)


class DeliveryPromiseRow(Row):
    """What the shop promises for delivery into ``country``, in days after payment."""

    country: CountryCode
    min_days: int = Field(ge=0, le=365)
    max_days: int = Field(ge=0, le=365)
    carrier: str | None = Field(default=None, max_length=100)

    @model_validator(mode="after")
    def _ordered(self) -> DeliveryPromiseRow:
        if self.max_days < self.min_days:
            raise ValueError(f"max_days {self.max_days} is less than min_days {self.min_days}")
        return self


class HelpArticleRow(Row):
    """A short help article in several languages (``title_de``, ``text_de`` as CSV columns)."""

    id: Id
    topic: str = Field(min_length=1, max_length=50, pattern=r"^[a-z_]+$")
    titles: dict[str, str]
    texts: dict[str, str]

    _title_langs = field_validator("titles")(_check_languages)
    _text_langs = field_validator("texts")(_check_languages)

    @model_validator(mode="after")
    def _english_both(self) -> HelpArticleRow:
        if "en" not in self.titles or "en" not in self.texts:
            raise ValueError("needs an English title and text (title_en, text_en)")
        return self
