"""Small shared GraphQL types: languages, money, countries, and the Relay page info."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date
from enum import Enum
from typing import Annotated, TypeAlias, TypeVar

import strawberry

from api import limits
from api.context import RequestContext
from api.money import decimal_text
from api.records import CountryLink, Rate

Info = strawberry.Info[RequestContext, None]

T = TypeVar("T")
# What a resolver returns when it answers at once if it can and awaits a loader only if it must.
MaybeAwaitable: TypeAlias = T | Awaitable[T]


@strawberry.enum(description="Languages the shop serves text in.")
class Language(Enum):
    EN = strawberry.enum_value("en", description="English.")
    DE = strawberry.enum_value("de", description="German.")
    ES = strawberry.enum_value("es", description="Spanish.")
    FR = strawberry.enum_value("fr", description="French.")
    PT = strawberry.enum_value("pt", description="Portuguese.")
    ZH = strawberry.enum_value("zh", description="Chinese.")
    JA = strawberry.enum_value("ja", description="Japanese.")


# Arguments many fields share, each with its one description.
LangArg = Annotated[Language | None, strawberry.argument(
    description="Language of the texts (falls back to English, then any language there is).")]
CurrencyArg = Annotated[str | None, strawberry.argument(
    description="ISO 4217 code to show prices in (default: the base currency).")]
FirstArg = Annotated[int | None, strawberry.argument(
    description="How many items the page holds (default 20, at most the server's limit).")]
AfterArg = Annotated[str | None, strawberry.argument(
    description="A cursor from `pageInfo.endCursor`: the page starts after it.")]
IdArg = Annotated[strawberry.ID, strawberry.argument(description="The id in the catalog.")]


def lang_code(lang: Language | None) -> str | None:
    return str(lang.value) if lang is not None else None


@strawberry.type(description="An amount of money in one currency, converted at `rateDate`'s rate.")
class Money:
    amount: float = strawberry.field(
        description="The amount as a float.",
        deprecation_reason=("A float cannot hold every amount exactly nor say how many decimals "
                            "the currency has: read `decimal` (a string such as \"79.90\")."))
    currency: str = strawberry.field(description="ISO 4217 code of the currency (EUR, JPY...).")
    rate_date: date | None = strawberry.field(
        description="Date of the exchange rate used; null for the base currency.")

    @strawberry.field(description=(
        "The amount as a decimal string with exactly the currency's minor units (ISO 4217): "
        "\"79.90\" EUR, \"11990\" JPY, \"1.250\" KWD. Parse it as a decimal, never a float."))
    def decimal(self) -> str:
        return decimal_text(self.amount, self.currency)


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
    on = None if rate.code == base_currency else rate.on
    # Rounded once, as a decimal, so `amount` and `decimal` always name the same number.
    exact = decimal_text(base_amount * rate.rate, rate.code)
    return Money(amount=float(exact), currency=rate.code, rate_date=on)


async def money(info: Info, base_amount: float | None, currency: str | None) -> Money | None:
    """``base_amount`` (in the base currency) converted into ``currency``."""
    if base_amount is None:
        return None
    rate = await info.context.rate(currency)
    return money_at(rate, base_amount, info.context.settings.base_currency)


@strawberry.type(description="A country products ship to or are restricted in.")
class Country:
    code: str = strawberry.field(description="ISO 3166-1 alpha-2 code (DE, US...).")
    name: str | None = strawberry.field(description="The country's name as the catalog gives it.")


@strawberry.type(description="A product ships to `country` in `days` for `cost`.")
class Shipping:
    country: Country = strawberry.field(description="Where it ships to.")
    days: int | None = strawberry.field(description="Delivery time in days.")
    cost: Money | None = strawberry.field(description="Shipping cost in the requested currency.")

    @classmethod
    def of(cls, link: CountryLink, rate: Rate, base_currency: str) -> Shipping:
        return cls(country=Country(code=link.country, name=link.country_name), days=link.days,
                   cost=money_at(rate, link.cost, base_currency))


@strawberry.type(description="The product may not be sold into `country`, for `reason`.")
class Restriction:
    country: Country = strawberry.field(description="Where it may not be sold.")
    reason: str | None = strawberry.field(description=(
        "Why, as the catalog manager wrote it, in the product's language where the catalog "
        "gives that language (`reason_<lang>`), else in English (`reasonLanguage` says which)."))
    reason_language: str | None = strawberry.field(
        default=None, description="The language `reason` is in (`en` when no translation exists).")


@strawberry.type(description="Relay page info.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether more items follow this page.")
    has_previous_page: bool = strawberry.field(
        description="Whether this page was read after a cursor (items come before it).")
    start_cursor: str | None = strawberry.field(description="The first item's cursor.")
    end_cursor: str | None = strawberry.field(
        description="The last item's cursor: pass it as `after` for the next page.")
