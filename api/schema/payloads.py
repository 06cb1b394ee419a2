"""Mutation payloads with ``userErrors`` (as Saleor's and Shopify's storefront APIs do).

A mistake in the input that the user can fix (a bad value, an unknown id or currency) comes back
in the payload as a ``UserError`` naming the input field by path, with a code and a message;
nothing is written then. Transport, authentication and unexpected failures stay top-level
GraphQL errors. Which failures are the user's is decided by the ``ApiError`` code the checks
raise (``USER_CODES``), never by reading message text.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

import strawberry
from pydantic import ValidationError

from api import errors
from api.schema.catalog import Product
from borderless.errors import ApiError
from graph.session import GraphSession

T = TypeVar("T")


@strawberry.enum(description=(
    "What kind of mistake a user error is. Catalog mutations answer the first three; "
    "`recordEvents` answers the finer event codes (and UNKNOWN_CURRENCY)."))
class UserErrorCode(Enum):
    INVALID = strawberry.enum_value("INVALID", description="A value breaks the catalog's rules.")
    NOT_FOUND = strawberry.enum_value(
        "NOT_FOUND", description="The input refers to a product, brand, category, country or "
                                 "shopper that does not exist.")
    UNKNOWN_CURRENCY = strawberry.enum_value(
        "UNKNOWN_CURRENCY", description="The graph has no exchange rate for this currency.")
    INVALID_ID = strawberry.enum_value("INVALID_ID", description="Event: the id is not 1-128 of A-Z a-z 0-9 _ . : -.")
    ID_TAKEN = strawberry.enum_value("ID_TAKEN", description="Event: the id is another event's.")
    UNKNOWN_KIND = strawberry.enum_value("UNKNOWN_KIND", description="Event: no such kind.")
    MISSING_FIELD = strawberry.enum_value("MISSING_FIELD", description="Event: a field its kind needs is missing.")
    UNKNOWN_FIELD = strawberry.enum_value("UNKNOWN_FIELD", description="Event: a field its kind does not take.")
    INVALID_TIME = strawberry.enum_value("INVALID_TIME", description="Event: `at` is not an ISO 8601 time.")
    FUTURE_TIME = strawberry.enum_value(
        "FUTURE_TIME", description="Event: `at` is more than 5 minutes after the server's clock.")
    INVALID_QUANTITY = strawberry.enum_value("INVALID_QUANTITY", description="Event: purchase quantity not 1-10000.")
    INVALID_PRICE = strawberry.enum_value("INVALID_PRICE", description="Event: price not 0-1e9.")
    INVALID_VALUE = strawberry.enum_value(
        "INVALID_VALUE", description="Event: a rating not 1-5, a bad position or placement.")
    UNKNOWN_PRODUCT = strawberry.enum_value("UNKNOWN_PRODUCT", description="Event: no such product.")
    UNKNOWN_LIST = strawberry.enum_value("UNKNOWN_LIST", description="Event: no served list with this listId.")
    UNKNOWN_SHOPPER = strawberry.enum_value("UNKNOWN_SHOPPER", description="Event: no such shopper.")


# API error codes that are the user's to fix, and the user error code each becomes.
USER_CODES = {errors.INVALID_ARGUMENT: UserErrorCode.INVALID,
              errors.NOT_FOUND: UserErrorCode.NOT_FOUND,
              errors.UNKNOWN_CURRENCY: UserErrorCode.UNKNOWN_CURRENCY}


@strawberry.interface(description=(
    "What every user error has, in every mutation's `userErrors`: the input field's path, a "
    "code and a message. `recordEvents`' errors add the event's `index`."))
class DisplayableError:
    field: list[str] | None = strawberry.field(description=(
        "Path to the input field at fault, e.g. [\"products\", \"0\", \"price\"] or "
        "[\"events\", \"3\", \"productId\"]; null when the input as a whole is at fault."))
    code: UserErrorCode = strawberry.field(description="What kind of mistake it is.")
    message: str = strawberry.field(description="Which row, what is wrong and what was expected.")


@strawberry.type(description="A mistake in a mutation's input that the user can fix.")
class UserError(DisplayableError):
    pass


class UserErrors(ApiError):
    """Raised inside a mutation to answer with these user errors (and write nothing).

    An ``ApiError`` so that the graph session passes it through a rolled-back write unchanged.
    """

    def __init__(self, found: list[UserError]) -> None:
        super().__init__(errors.INVALID_ARGUMENT, "; ".join(e.message for e in found))
        self.found = found


def user_error(field: list[str] | None, e: ApiError, about: str = "") -> UserError:
    """The user error for an ``ApiError`` the user can fix; other codes re-raise it.

    ``about`` says which row it is in words (``product 'p-1' to 'DE'``), added to the message.
    """
    if e.code not in USER_CODES:
        raise e
    return UserError(field=field, code=USER_CODES[e.code],
                     message=f"{e.message} ({about})" if about else e.message)


def checked(found: list[UserError], field: list[str], check: Callable[[], T], about: str = "") -> T | None:
    """``check()``'s value, or None with its user error added to ``found``."""
    try:
        return check()
    except ApiError as e:
        found.append(user_error(field, e, about))
        return None


async def checked_async(found: list[UserError], field: list[str],
                        check: Callable[[], Awaitable[T]], about: str = "") -> T | None:
    """:func:`checked` for a check that awaits (an exchange-rate lookup)."""
    try:
        return await check()
    except ApiError as e:
        found.append(user_error(field, e, about))
        return None


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def path_text(field: list[str]) -> str:
    """An input path as a developer writes it: ``["rules", "0", "days"]`` is ``rules[0].days``."""
    out = ""
    for part in field:
        out += f"[{part}]" if part.isdigit() else (f".{part}" if out else part)
    return out


def validated(model: type, found: list[UserError], field: list[str], data: dict[str, Any],
              names: dict[str, str] | None = None, about: str = "") -> Any:
    """``data`` as a ``model`` row, or None with one user error per broken field in ``found``.

    ``names`` maps a model field to the input field a user typed it in, where they differ;
    ``about`` says which row it is in words (``product 'p-1' to 'DE'``) for the messages.
    """
    try:
        return model.model_validate(data)
    except ValidationError as e:
        for err in e.errors():
            loc = [str(part) for part in err["loc"]]
            if loc:
                loc[0] = (names or {}).get(loc[0], _camel(loc[0]))
            got = f", got {err['input']!r}" if loc and not isinstance(err["input"], dict) else ""
            found.append(UserError(field=[*field, *loc], code=UserErrorCode.INVALID, message=(
                f"{path_text([*field, *loc])}{f' ({about})' if about else ''}: {err['msg']}{got}")))
        return None


@dataclass(frozen=True)
class Reference:
    """An id in a mutation's input that must name something in the catalog.

    Attributes:
        field: the input field's path, e.g. ``["rules", "0", "country"]``.
        kind: ``product``, ``brand``, ``category`` or ``country``.
        key: the id (a country's ISO code).
        about: which row it is, in words, for the message.
    """

    field: list[str]
    kind: str
    key: str
    about: str = ""


# Each kind of reference and its column in queries/api_missing_references.
_REFERENCE_COLUMNS = {"product": "products", "brand": "brands", "category": "categories",
                      "country": "countries"}


async def report_missing(graph: GraphSession, found: list[UserError], refs: list[Reference]) -> None:
    """Add a ``NOT_FOUND`` user error for each reference the catalog lacks, all in one read.

    Checked before anything is written, beside the input's other mistakes, so one answer names
    them all; a field that already has a user error (an id that is not well-formed) is skipped.
    """
    faulty = {tuple(e.field or ()) for e in found}
    refs = [r for r in refs if tuple(r.field) not in faulty]
    if not refs:
        return
    wanted = {column: sorted({r.key for r in refs if r.kind == kind})
              for kind, column in _REFERENCE_COLUMNS.items()}
    (row,) = await graph.read("queries/api_missing_references", **wanted)
    missing = {(kind, key) for kind, column in _REFERENCE_COLUMNS.items() for key in row[column]}
    found.extend(UserError(field=r.field, code=UserErrorCode.NOT_FOUND, message=(
        f"{path_text(r.field)}{f' ({r.about})' if r.about else ''}: no {r.kind} {r.key!r} "
        "in the catalog")) for r in refs if (r.kind, r.key) in missing)


@strawberry.type(description="What `upsertProducts` or `setPrices` wrote, or why it wrote nothing.")
class ProductsPayload:
    products: list[Product] = strawberry.field(
        description="The products as now stored; empty when there are user errors.")
    user_errors: list[UserError] = strawberry.field(
        description="Mistakes in the input; when any, nothing was written.")


@strawberry.type(description="A product and country whose shipping rule changed.")
class ShippingChange:
    product_id: strawberry.ID = strawberry.field(description="The product.")
    country: str = strawberry.field(description="ISO code of the country.")


@strawberry.type(description="What `setShipping` or `removeShipping` changed, or why nothing.")
class ShippingPayload:
    changes: list[ShippingChange] = strawberry.field(
        description="The rules written or removed; empty when there are user errors.")
    user_errors: list[UserError] = strawberry.field(
        description="Mistakes in the input; when any, nothing was changed.")
