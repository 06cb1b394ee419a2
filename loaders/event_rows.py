"""One shop event checked, the same way for the API's ``recordEvents`` and ``load events``.

An event is a plain mapping with snake_case fields (the GraphQL input is turned into one):

    id          client-made id, 1-128 of ``A-Z a-z 0-9 _ . : -``; the same id is stored once
    kind        view | click | cart | purchase | rating | impression
    product_id  every kind but impression
    at          ISO 8601 (UTC if no offset); default now; at most MAX_CLOCK_SKEW_S in the future
    list_id     the served list it came from (optional; it must exist)
    position    1-based place in that list (optional)
    quantity    purchase: a whole number from 1 to MAX_QUANTITY
    price       purchase: the unit price, 0 to 1e9, in ``currency`` (which needs an exchange rate)
    rating      rating: a whole number from 1 to 5
    items       impression without list_id: the product ids shown, in order (1-MAX_ITEMS)
    placement   impression: where it was shown (free text, at most 64 characters)

Checks that need the graph (the product exists, the cited list exists, the id is not another
shopper's) are answered by the write statements themselves, row by row, in the transaction that
stores the good rows (:func:`problem_of_status`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

KINDS = ("view", "click", "cart", "purchase", "rating", "impression")
INTERACTION_KINDS = frozenset(KINDS) - {"impression"}
MAX_CLOCK_SKEW_S = 300  # a client's clock may run this far ahead of ours
MAX_QUANTITY = 10_000
MAX_ITEMS = 100
MAX_PLACEMENT_CHARS = 64
MAX_BATCH = 500  # events per recordEvents call
_ID = re.compile(r"^[A-Za-z0-9_.:\-]{1,128}$")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
FIELDS = frozenset({"id", "kind", "product_id", "at", "list_id", "position", "quantity", "price",
                    "currency", "rating", "items", "placement"})

# Problem codes clients see in userErrors[].code (and the quarantine file's reasons start with).
INVALID_ID = "INVALID_ID"
UNKNOWN_KIND = "UNKNOWN_KIND"
MISSING_FIELD = "MISSING_FIELD"
UNKNOWN_FIELD = "UNKNOWN_FIELD"
INVALID_TIME = "INVALID_TIME"
FUTURE_TIME = "FUTURE_TIME"
INVALID_QUANTITY = "INVALID_QUANTITY"
INVALID_PRICE = "INVALID_PRICE"
UNKNOWN_CURRENCY = "UNKNOWN_CURRENCY"
INVALID_VALUE = "INVALID_VALUE"
UNKNOWN_PRODUCT = "UNKNOWN_PRODUCT"
UNKNOWN_LIST = "UNKNOWN_LIST"
UNKNOWN_SHOPPER = "UNKNOWN_SHOPPER"
ID_TAKEN = "ID_TAKEN"


@dataclass(frozen=True)
class EventProblem:
    """Why one event was refused: its index in the batch (or line), the field, a code, a message."""

    index: int
    field: str
    code: str
    message: str


@dataclass(frozen=True)
class Owner:
    """Whose events these are: a shopper, or an anonymous session (``session`` may go with both)."""

    shopper: str | None
    session: str | None


def check_event(
    index: int, raw: Mapping[str, Any], owner: Owner, *, now: datetime,
    rates: Mapping[str, float], base_currency: str, source: str,
) -> dict[str, Any] | list[EventProblem]:
    """The row a write statement takes for one event, or every problem found in it (in order).

    Each field is checked even when an earlier one failed, so ``recordEvents`` names all of an
    event's mistakes at once; only checks that need a good ``kind`` (which fields it takes)
    are skipped without one. ``load events`` quarantines a line with its first problem.

    Args:
        index: the event's place in its batch (API) or its line (bulk), for the problem.
        raw: the event's fields (snake_case; None = absent).
        owner: the shopper or session it is recorded under (already checked).
        now: the server's time, against which ``at`` is judged and which a missing ``at`` takes.
        rates: units of each currency per base-currency unit (``Currency.rate``).
        base_currency: what ``valueBase`` is in.
        source: ``api`` or ``bulk``, stored on the event.
    """
    problems: list[EventProblem] = []

    def problem(field: str, code: str, message: str) -> None:
        problems.append(EventProblem(index, field, code, message))

    for name in sorted(k for k, v in raw.items() if k not in FIELDS and v is not None):
        problem(name, UNKNOWN_FIELD, f"unknown field {name!r}; known: {', '.join(sorted(FIELDS))}")
    event_id = raw.get("id")
    if not isinstance(event_id, str) or not _ID.match(event_id):
        problem("id", INVALID_ID, f"expected 1-128 of A-Z a-z 0-9 _ . : -, got {event_id!r}")
    kind = raw.get("kind")
    kind = kind.strip().lower() if isinstance(kind, str) else kind
    if kind not in KINDS:
        problem("kind", UNKNOWN_KIND, f"expected one of {', '.join(KINDS)}, got {kind!r}")
    at = _time(raw.get("at"), now)
    if isinstance(at, str):
        problem("at", INVALID_TIME, at)
    elif at > now + timedelta(seconds=MAX_CLOCK_SKEW_S):
        problem("at", FUTURE_TIME, f"{at.isoformat()} is more than {MAX_CLOCK_SKEW_S} s "
                                   f"after the server's time {now.isoformat()}")
    props: dict[str, Any] = {"eventId": event_id, "kind": kind, "source": source,
                             "sessionId": owner.session}
    for name in ("list_id", "position"):
        bad = _list_field(name, raw.get(name))
        if bad:
            problem(name, INVALID_VALUE, bad)
    props["listId"] = raw.get("list_id")
    props["position"] = raw.get("position")
    # The time goes as whole seconds and nanoseconds since the epoch, made a DateTime by the
    # statement: the driver's own conversion of a Python datetime cost more CPU per event than
    # the rest of the row together (bench/events_profile.py).
    # (A bad time is already a problem; the row is then never sent.)
    since_epoch = at - _EPOCH if isinstance(at, datetime) else timedelta(0)
    row: dict[str, Any] = {"index": index, "eventId": event_id, "shopperId": owner.shopper,
                           "sessionId": owner.session, "listId": raw.get("list_id"),
                           "atS": since_epoch.days * 86_400 + since_epoch.seconds,
                           "atNs": since_epoch.microseconds * 1_000}
    if kind == "impression":
        _impression(row, props, raw, problem)
    elif kind in KINDS:
        product = raw.get("product_id")
        if not isinstance(product, str) or not _ID.match(product):
            problem("product_id", MISSING_FIELD if product is None else UNKNOWN_PRODUCT,
                    f"a {kind} needs the product's id, got {product!r}")
        row["productId"] = product
        if kind == "purchase":
            _purchase(props, raw, rates, base_currency, problem)
        if kind == "rating":
            value = raw.get("rating")
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
                problem("rating", INVALID_VALUE,
                        f"a rating needs a whole number from 1 to 5, got {value!r}")
            props["rating"] = value
    if problems:
        return problems
    row["props"] = props
    return row


def _time(value: Any, now: datetime) -> datetime | str:
    """The event's time in UTC, or what is wrong with it."""
    if value is None:
        return now
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            return f"expected an ISO 8601 time such as 2026-12-06T10:00:00Z, got {value!r}"
    else:
        return f"expected an ISO 8601 time, got {value!r}"
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


def _list_field(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if name == "list_id" and not (isinstance(value, str) and _ID.match(value)):
        return f"expected a served list's id, got {value!r}"
    if name == "position" and (isinstance(value, bool) or not isinstance(value, int)
                               or not 1 <= value <= 10_000):
        return f"expected a position from 1 to 10000, got {value!r}"
    return None


def _purchase(props: dict[str, Any], raw: Mapping[str, Any], rates: Mapping[str, float],
              base_currency: str, problem: Callable[[str, str, str], None]) -> None:
    """Check a purchase's quantity, price and currency (each one), and add its value."""
    quantity = raw.get("quantity")
    good = True
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
        problem("quantity", INVALID_QUANTITY,
                f"a purchase needs a whole number from 1 to {MAX_QUANTITY}, got {quantity!r}")
        good = False
    price = raw.get("price")
    if (isinstance(price, bool) or not isinstance(price, int | float) or not math.isfinite(price)
            or not 0 <= price <= 1e9):
        problem("price", INVALID_PRICE, f"a purchase needs a unit price from 0 to 1e9, got {price!r}")
        good = False
    currency = raw.get("currency")
    code = currency.strip().upper() if isinstance(currency, str) else None
    rate = 1.0 if code == base_currency else rates.get(code or "")
    if not code or not rate:
        problem("currency", UNKNOWN_CURRENCY,
                f"expected a currency with an exchange rate (e.g. {base_currency}), got {currency!r}")
        good = False
    # (The isinstance checks repeat what `good` says, for the type checker.)
    if good and isinstance(quantity, int) and isinstance(price, int | float) and rate:
        props.update(quantity=quantity, price=float(price), currency=code,
                     valueBase=round(quantity * float(price) / rate, 2))


def _impression(row: dict[str, Any], props: dict[str, Any], raw: Mapping[str, Any],
                problem: Callable[[str, str, str], None]) -> None:
    """Check an impression's placement and items (each one) and complete its row."""
    items = raw.get("items")
    placement = raw.get("placement")
    if placement is not None and (not isinstance(placement, str)
                                  or not 0 < len(placement) <= MAX_PLACEMENT_CHARS):
        problem("placement", INVALID_VALUE,
                f"expected 1-{MAX_PLACEMENT_CHARS} characters, got {placement!r}")
    if row["listId"] is None:
        if (not isinstance(items, list) or not 1 <= len(items) <= MAX_ITEMS
                or not all(isinstance(i, str) and _ID.match(i) for i in items)):
            problem("items", MISSING_FIELD if items is None else INVALID_VALUE,
                    f"an impression without list_id needs 1-{MAX_ITEMS} product ids shown, got {items!r}")
        if placement is None:
            problem("placement", MISSING_FIELD, "an impression without list_id needs its placement")
    elif items is not None:
        problem("items", INVALID_VALUE, "give list_id or items, not both")
    del props["position"]
    props.update(placement=placement, shopperId=row["shopperId"])
    row.update(props=props, items=items, placement=placement,
               unit=row["shopperId"] or row["sessionId"], externalListId=f"ext:{row['eventId']}")


def problem_of_status(row: Mapping[str, Any], status: str) -> EventProblem | None:
    """The problem a write statement's per-row ``status`` means (None: stored or duplicate)."""
    index = row["index"]
    if status == "unknown_product":
        return EventProblem(index, "product_id", UNKNOWN_PRODUCT,
                            f"no product with id {row.get('productId')!r}")
    if status == "unknown_list":
        return EventProblem(index, "list_id", UNKNOWN_LIST,
                            f"no served list with id {row.get('listId')!r}")
    if status == "unknown_shopper":
        return EventProblem(index, "shopper_id", UNKNOWN_SHOPPER,
                            f"no shopper with id {row.get('shopperId')!r}")
    if status == "taken":
        return EventProblem(index, "id", ID_TAKEN,
                            f"event id {row['eventId']!r} already names another shopper's event; "
                            "make ids unique (a UUID)")
    return None
