"""``recordEvents``: shop events in, each stored once, answered only after the commit.

Who the events belong to comes from the request, never from an event: a signed-in shopper's
token names the shopper; anyone else records under a session id, given as the ``sessionId``
argument or the ``X-Session-Id`` header (both: they must agree). A signed-in request that names a
session first moves that session's events onto the shopper (``writes/events_merge_session``), in
the same transaction as its own events; a session merged into one shopper is never another's.

Every event is checked by :mod:`loaders.event_rows` (shared with ``load events``); the good ones
of a batch are written by the statements of :mod:`loaders.event_batches` in one transaction, and
the mutation answers after that transaction committed, so an acknowledged event is durable and a
client that got no answer can send the batch again: ids already stored count as duplicates.
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from api import errors
from api.auth import Role
from api.context import RequestContext
from api.ratelimit import RateLimited
from neo4j.exceptions import TransientError

from borderless.errors import ApiError, ConstraintConflict, GraphError
from loaders.event_batches import Outcome, prepare, settle
from loaders.event_rows import MAX_BATCH, Owner

log = logging.getLogger(__name__)

MERGE_SESSION = "writes/events_merge_session"
_SESSION_ID = re.compile(r"^[A-Za-z0-9_.:\-]{8,128}$")
# A concurrent request storing the same id under someone else makes our MERGE break the id's
# uniqueness constraint; run again, the id is then seen, and answered, row by row. Concurrent
# batches on the same products can also deadlock past the driver's short retry budget (the API
# keeps it short for reads); a write of events is safe to run again, so it is.
_ATTEMPTS = 5


async def record_events(ctx: RequestContext, events: list[dict[str, Any]],
                        session_argument: str | None, session_header: str | None) -> Outcome:
    """Check, store and count one batch of events for the caller.

    Args:
        ctx: the request's context (principal, graph session, rate limits).
        events: each event's fields, snake_case (see :mod:`loaders.event_rows`).
        session_argument: the mutation's ``sessionId``.
        session_header: the request's ``X-Session-Id``.

    Raises:
        ApiError: INVALID_ARGUMENT for a batch size or session id out of bounds, FORBIDDEN for a
            session that belongs to another shopper, RATE_LIMITED when the events budget is spent.
    """
    if not 1 <= len(events) <= MAX_BATCH:
        raise errors.invalid("events", f"1 to {MAX_BATCH} events per call (send more calls)",
                             f"{len(events)} events")
    owner = _owner(ctx, session_argument, session_header)
    _spend(ctx, len(events))
    rates = await _rates(ctx, events)
    batch = prepare(((i, raw, owner) for i, raw in enumerate(events)), now=datetime.now(UTC),
                    rates=rates, base_currency=ctx.settings.base_currency, source="api",
                    every_problem=True)
    record = batch.steps(create_shoppers=True)
    merging = owner.shopper is not None and owner.session is not None
    merge = [(MERGE_SESSION, {"sessionId": owner.session, "shopperId": owner.shopper,
                              "now": datetime.now(UTC)})] if merging else []
    if not merge and not record:
        return settle(batch, {})

    def refuse_a_foreign_session(answers: list[list[dict[str, Any]]]) -> None:
        if merging and answers[0][0]["foreign"]:
            raise ApiError(errors.FORBIDDEN, f"session {owner.session!r} belongs to another "
                                             "shopper; nothing was recorded")

    answers = await _write(ctx, merge + record, refuse_a_foreign_session)
    if merging:
        merged = answers.pop(0)[0]
        if merged["moved"] or merged["impressions"]:
            log.info("recordEvents: session merged into its shopper (%d events, %d impressions)",
                     merged["moved"], merged["impressions"])
    return settle(batch, {name: rows for (name, _), rows in zip(record, answers, strict=True)})


def _owner(ctx: RequestContext, argument: str | None, header: str | None) -> Owner:
    if argument and header and argument != header:
        raise errors.invalid("sessionId", "the same session id as the X-Session-Id header",
                             argument)
    session = argument or header or None
    if session is not None and not _SESSION_ID.match(session):
        raise errors.invalid("sessionId", "8-128 of A-Z a-z 0-9 _ . : - (a UUID, say)", session)
    principal = ctx.principal
    if principal.role is Role.SHOPPER and principal.subject:
        return Owner(shopper=principal.subject, session=session)
    if session is None:
        raise errors.invalid("sessionId", "a session id (argument or X-Session-Id header) for "
                             "events without a signed-in shopper", None)
    return Owner(shopper=None, session=session)


def _spend(ctx: RequestContext, count: int) -> None:
    if ctx.limits is None:
        return
    try:
        ctx.limits.spend(ctx.client, "events", cost=count)
    except RateLimited as e:
        ctx.refuse_with(429, e.retry_after_s)
        raise


async def _rates(ctx: RequestContext, events: list[dict[str, Any]]) -> dict[str, float]:
    """The exchange rates of the currencies the batch names (unknown ones left out)."""
    found: dict[str, float] = {}
    for code in {e["currency"].strip().upper() for e in events
                 if isinstance(e.get("currency"), str) and e["currency"].strip()}:
        try:
            found[code] = (await ctx.rate(code)).rate
        except ApiError:
            continue  # the event naming it is refused by the validator, the others go on
    return found


async def _write(ctx: RequestContext, steps: list[tuple[str, dict[str, Any]]],
                 check: Callable[[list[list[dict[str, Any]]]], None],
                 ) -> list[list[dict[str, Any]]]:
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            return await ctx.graph.write_all(list(steps), check=check)
        except ConstraintConflict:
            if attempt == _ATTEMPTS:
                raise
        except GraphError as e:
            if attempt == _ATTEMPTS or not isinstance(e.__cause__, TransientError):
                raise
            await asyncio.sleep(random.uniform(0.05, 0.2) * attempt)  # noqa: S311 - jitter
    raise AssertionError("unreachable")  # pragma: no cover

