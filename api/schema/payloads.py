"""Mutation payloads with ``userErrors`` (as Saleor's and Shopify's storefront APIs do).

A mistake in the input that the user can fix (a bad value, an unknown id or currency) comes back
in the payload as a ``UserError`` naming the input field by path, with a code and a message;
nothing is written then. Transport, authentication and unexpected failures stay top-level
GraphQL errors. Which failures are the user's is decided by the ``ApiError`` code the checks
raise (``USER_CODES``), never by reading message text.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any, TypeVar

import strawberry
from pydantic import ValidationError

from api import errors
from api.schema.catalog import Product
from borderless.errors import ApiError

T = TypeVar("T")


@strawberry.enum(description="What kind of mistake a user error is.")
class UserErrorCode(Enum):
    INVALID = strawberry.enum_value("INVALID", description="A value breaks the catalog's rules.")
    NOT_FOUND = strawberry.enum_value(
        "NOT_FOUND", description="The input refers to a product, brand, category, country or "
                                 "shopper that does not exist.")
    UNKNOWN_CURRENCY = strawberry.enum_value(
        "UNKNOWN_CURRENCY", description="The graph has no exchange rate for this currency.")


# API error codes that are the user's to fix, and the user error code each becomes.
USER_CODES = {errors.INVALID_ARGUMENT: UserErrorCode.INVALID,
              errors.NOT_FOUND: UserErrorCode.NOT_FOUND,
              errors.UNKNOWN_CURRENCY: UserErrorCode.UNKNOWN_CURRENCY}


@strawberry.type(description="A mistake in a mutation's input that the user can fix.")
class UserError:
    field: list[str] | None = strawberry.field(description=(
        "Path to the input field at fault, e.g. [\"products\", \"0\", \"price\"]; null when "
        "the input as a whole is at fault."))
    code: UserErrorCode = strawberry.field(description="What kind of mistake it is.")
    message: str = strawberry.field(description="What is wrong and what was expected.")


class UserErrors(ApiError):
    """Raised inside a mutation to answer with these user errors (and write nothing).

    An ``ApiError`` so that the graph session passes it through a rolled-back write unchanged.
    """

    def __init__(self, found: list[UserError]) -> None:
        super().__init__(errors.INVALID_ARGUMENT, "; ".join(e.message for e in found))
        self.found = found


def user_error(field: list[str] | None, e: ApiError) -> UserError:
    """The user error for an ``ApiError`` the user can fix; other codes re-raise it."""
    if e.code not in USER_CODES:
        raise e
    return UserError(field=field, code=USER_CODES[e.code], message=e.message)


def checked(found: list[UserError], field: list[str], check: Callable[[], T]) -> T | None:
    """``check()``'s value, or None with its user error added to ``found``."""
    try:
        return check()
    except ApiError as e:
        found.append(user_error(field, e))
        return None


async def checked_async(found: list[UserError], field: list[str],
                        check: Callable[[], Awaitable[T]]) -> T | None:
    """:func:`checked` for a check that awaits (an exchange-rate lookup)."""
    try:
        return await check()
    except ApiError as e:
        found.append(user_error(field, e))
        return None


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def validated(model: type, found: list[UserError], field: list[str], data: dict[str, Any],
              names: dict[str, str] | None = None) -> Any:
    """``data`` as a ``model`` row, or None with one user error per broken field in ``found``.

    ``names`` maps a model field to the input field a user typed it in, where they differ.
    """
    try:
        return model.model_validate(data)
    except ValidationError as e:
        for err in e.errors():
            loc = [str(part) for part in err["loc"]]
            if loc:
                loc[0] = (names or {}).get(loc[0], _camel(loc[0]))
            found.append(UserError(field=[*field, *loc], code=UserErrorCode.INVALID,
                                   message=f"{'.'.join([*field, *loc])}: {err['msg']}"))
        return None


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
