"""The ``recordEvents`` mutation's input and answer (the work is in :mod:`api.events`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import strawberry

from api.events import record_events
from api.schema.common import Info
from api.schema.payloads import DisplayableError, UserErrorCode
from loaders.event_rows import EventProblem

# Snake-case event fields (shared with `load events`) as this API spells them.
_API_FIELD = {"product_id": "productId", "list_id": "listId", "rating": "value",
              "shopper_id": "shopperId"}


@strawberry.input(description=(
    "One shop event. `id` is made by the client (a UUID): sending it again stores nothing new."))
class EventInput:
    id: str = strawberry.field(description="The client-made id: sent twice, stored once.")
    kind: str = strawberry.field(description="view, click, cart, purchase, rating or impression.")
    product_id: strawberry.ID | None = strawberry.field(
        default=None, description="The product; every kind but impression.")
    at: str | None = strawberry.field(default=None, description=(
        "ISO 8601 time (UTC if no offset); default now; at most 5 minutes ahead of the server."))
    list_id: strawberry.ID | None = strawberry.field(
        default=None, description="The served list it came from (from recommendations, search...).")
    position: int | None = strawberry.field(default=None, description="1-based place in that list.")
    quantity: int | None = strawberry.field(default=None, description="purchase: how many.")
    price: float | None = strawberry.field(default=None, description="purchase: unit price.")
    currency: str | None = strawberry.field(
        default=None, description="purchase: the price's currency (ISO 4217).")
    value: int | None = strawberry.field(default=None, description="rating: 1 to 5 stars.")
    items: list[strawberry.ID] | None = strawberry.field(default=None, description=(
        "impression without listId: the product ids shown, in order."))
    placement: str | None = strawberry.field(
        default=None, description="impression: where it was shown (e.g. 'home-carousel').")

    def fields(self) -> dict[str, Any]:
        """The event as the shared validator reads it (snake_case)."""
        return {"id": self.id, "kind": self.kind, "product_id": self.product_id, "at": self.at,
                "list_id": self.list_id, "position": self.position, "quantity": self.quantity,
                "price": self.price, "currency": self.currency, "rating": self.value,
                "items": list(self.items) if self.items is not None else None,
                "placement": self.placement}


def _event_from_input(cls: type, value: Mapping[str, Any], _: object) -> EventInput:
    """An event straight from graphql-core's coerced input (Strawberry's ``from_input`` hook).

    Every field is a leaf scalar that graphql-core has already checked and coerced (an ID to a
    string), so Strawberry's generic conversion, which resolves each field's type again for
    every event and was the largest share of the mutation's CPU (bench/events_profile.py), adds
    nothing: the event is built from the mapping as it is.
    """
    get = value.get
    items = get("items")
    return cls(id=value["id"], kind=value["kind"], product_id=get("productId"), at=get("at"),
               list_id=get("listId"), position=get("position"), quantity=get("quantity"),
               price=get("price"), currency=get("currency"), value=get("value"),
               items=list(items) if items is not None else None, placement=get("placement"))


EventInput.__strawberry_definition__.from_input = _event_from_input


@strawberry.type(description=(
    "Why one event of the batch was refused; the others were stored. The same fields as every "
    "user error (`field` path, `code`, `message`), plus the event's `index`."))
class EventError(DisplayableError):
    index: int = strawberry.field(description="The event's place in `events` (from 0).")

    @classmethod
    def of(cls, problem: EventProblem) -> EventError:
        field = _API_FIELD.get(problem.field, problem.field)
        return cls(index=problem.index, field=["events", str(problem.index), field],
                   code=UserErrorCode[problem.code], message=f"events[{problem.index}].{field}: {problem.message}")


@strawberry.type(description="What a batch did; answered only after its transaction committed.")
class RecordEventsPayload:
    accepted: int = strawberry.field(description="Events stored now.")
    duplicates: int = strawberry.field(description="Events whose id was already stored (or repeated).")
    user_errors: list[EventError] = strawberry.field(
        description="Each refused event with its index and reason; the rest were stored.")


async def resolve_record_events(info: Info, events: list[EventInput],
                                session_id: str | None) -> RecordEventsPayload:
    """Record the caller's events (see :mod:`api.events`)."""
    ctx = info.context
    outcome = await record_events(ctx, [e.fields() for e in events], session_id,
                                  ctx.session_header)
    return RecordEventsPayload(accepted=outcome.accepted, duplicates=outcome.duplicates,
                               user_errors=[EventError.of(p) for p in outcome.problems])
