"""Small shared GraphQL types: languages, money, countries, and the Relay page info."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date
from enum import Enum
from typing import TypeAlias, TypeVar

import strawberry

from api import limits
from api.context import RequestContext
from api.records import CountryLink, Rate

# ISO 4217 currencies without minor units: a price in yen has no cents.
_ZERO_DECIMALS = frozenset({"JPY", "KRW", "VND", "CLP", "ISK", "HUF", "TWD", "XOF", "XAF"})

Info = strawberry.Info[RequestContext, None]

T = TypeVar("T")
# What a resolver returns when it answers at once if it can and awaits a loader only if it must.
MaybeAwaitable: TypeAlias = T | Awaitable[T]


@strawberry.enum(description="Languages the shop serves text in.")
class Language(Enum):
    EN = "en"
    DE = "de"
    ES = "es"
    FR = "fr"
    PT = "pt"
    ZH = "zh"
    JA = "ja"


def lang_code(lang: Language | None) -> str | None:
    return lang.value if lang is not None else None


@strawberry.type(description="An amount of money in one currency, converted at `rateDate`'s rate.")
class Money:
    amount: float
    currency: str
    rate_date: date | None = strawberry.field(
        description="Date of the exchange rate used; null for the base currency.")


async def checked_currency(info: Info, currency: str | None, argument: str = "currency") -> str | None:
    """A well-formed currency code the graph has a rate for (or None), checked once up front."""
    code = limits.check_currency(currency, argument)
    if code is not None:
        await info.context.rate(code)
    return code


def money_at(rate: Rate, base_amount: float | None, base_currency: str) -> Money | None:
    """``base_amount`` (in the base currency) converted at ``rate``."""
    if base_amount is None:
        return None
    digits = 0 if rate.code in _ZERO_DECIMALS else 2
    on = None if rate.code == base_currency else rate.on
    return Money(amount=round(base_amount * rate.rate, digits), currency=rate.code, rate_date=on)


async def money(info: Info, base_amount: float | None, currency: str | None) -> Money | None:
    """``base_amount`` (in the base currency) converted into ``currency``."""
    if base_amount is None:
        return None
    rate = await info.context.rate(currency)
    return money_at(rate, base_amount, info.context.settings.base_currency)


@strawberry.type
class Country:
    code: str
    name: str | None


@strawberry.type(description="A product ships to `country` in `days` for `cost`.")
class Shipping:
    country: Country
    days: int | None
    cost: Money | None = strawberry.field(description="Shipping cost in the requested currency.")

    @classmethod
    def of(cls, link: CountryLink, rate: Rate, base_currency: str) -> Shipping:
        return cls(country=Country(code=link.country, name=link.country_name), days=link.days,
                   cost=money_at(rate, link.cost, base_currency))


@strawberry.type(description="The product may not be sold into `country`, for `reason`.")
class Restriction:
    country: Country
    reason: str | None


@strawberry.type(description="Relay page info.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None
