"""Per-client request budgets, with HTTP 429 and ``Retry-After`` when one is spent.

A client is its API key (hashed), else the signed-in shopper or staff member, else its address
(failed sign-ins spend the address's budget, so guessing keys is limited too). Every GraphQL
request spends one unit of the general budget (``BORDERLESS_RATE_LIMIT``); each ``search``,
``ask``, ``assistant`` or ``translateReviews`` field in an operation also spends one unit of the
expensive budget (``BORDERLESS_RATE_LIMIT_EXPENSIVE``), since those embed text, may run a language
model and run the heaviest reads. Each event a ``recordEvents`` call carries spends one unit of the events budget
(``BORDERLESS_RATE_LIMIT_EVENTS``). Windows are moving windows kept in this process's memory by the ``limits``
package: with ``--workers N`` each process keeps its own counts.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import AsyncIterator, Mapping
from typing import Any

from graphql import (
    ExecutionResult,
    FragmentDefinitionNode,
    GraphQLError,
    OperationDefinitionNode,
)
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.requests import Request
from strawberry.extensions import SchemaExtension

from api import errors
from api.auth import Principal
from api.limits import chosen_operation, selected_fields
from borderless.errors import ApiError

# Root fields that spend the expensive budget.
EXPENSIVE_FIELDS = frozenset({"search", "ask", "assistant", "translateReviews"})


class RateLimited(ApiError):
    """A client spent a budget; ``retry_after_s`` says when one more request fits again."""

    def __init__(self, budget: str, retry_after_s: int) -> None:
        super().__init__(errors.RATE_LIMITED,
                         f"too many {budget} requests from this client; retry in "
                         f"{retry_after_s} s")
        self.retry_after_s = retry_after_s


class RateLimits:
    """The general and the expensive budget of every client, in this process's memory.

    Args:
        general: the rate every request spends from, e.g. ``"300/minute"`` ("" = no limit).
        expensive: the rate ``search`` and ``ask`` fields spend from ("" = no limit).
        events: the rate recorded shop events spend from, one unit per event ("" = no limit).
    """

    def __init__(self, general: str, expensive: str, events: str = "") -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._budgets: dict[str, list[RateLimitItem]] = {
            "general": parse_many(general) if general else [],
            "expensive": parse_many(expensive) if expensive else [],
            "events": parse_many(events) if events else [],
        }

    def spend(self, client: str, budget: str = "general", cost: int = 1) -> None:
        """Take ``cost`` units from ``client``'s ``budget``, or take nothing and refuse.

        Raises:
            RateLimited: one of the budget's rates has fewer than ``cost`` units left.
        """
        items = self._budgets[budget]
        for item in items:
            if not self._limiter.test(item, budget, client, cost=cost):
                reset_at, _ = self._limiter.get_window_stats(item, budget, client)
                raise RateLimited(budget, max(1, math.ceil(reset_at - time.time())))
        for item in items:
            self._limiter.hit(item, budget, client, cost=cost)


def client_key(principal: Principal | None, request: Request) -> str:
    """Who a request counts against: its API key, else its signed-in subject, else its address."""
    api_key = request.headers.get("x-api-key")
    if principal is not None and api_key:
        # Never the key itself: these strings live in memory next to request data.
        return "key:" + hashlib.sha256(api_key.encode()).hexdigest()[:24]
    if principal is not None and principal.subject:
        return f"{principal.role.name.lower()}:{principal.subject}"
    return "address:" + (request.client.host if request.client else "unknown")


def expensive_fields(operation: OperationDefinitionNode,
                     fragments: Mapping[str, FragmentDefinitionNode]) -> int:
    """How many ``search``/``ask`` fields ``operation`` selects at its root (aliases count each)."""
    return sum(1 for f in selected_fields(operation.selection_set, fragments)
               if f.name.value in EXPENSIVE_FIELDS)


class ExpensiveFieldGate(SchemaExtension):
    """Before ``search`` or ``ask`` runs: spend the expensive budget, and wait for the models.

    Runs after validation, on the operation actually chosen. A refusal is the operation's only
    error, code ``RATE_LIMITED`` with ``retryAfter``, and sets HTTP 429 with ``Retry-After``.
    The models are awaited here, not loaded: loading runs in a worker thread (``api.models``),
    so the event loop keeps serving other requests meanwhile.
    """

    async def on_execute(self) -> AsyncIterator[None]:
        ctx = self.execution_context
        context: Any = ctx.context
        document = ctx.graphql_document
        limits: RateLimits | None = getattr(context, "limits", None)
        if document is not None and not ctx.result and limits is not None:
            count = _count_in(document.definitions, ctx.operation_name)
            if count:
                try:
                    limits.spend(context.client, "expensive", cost=count)
                    models = getattr(context, "models", None)
                    if models is not None:
                        await models.wait()
                except ApiError as e:
                    ctx.result = ExecutionResult(data=None, errors=[_as_error(e)])
                    if isinstance(e, RateLimited):
                        context.refuse_with(429, e.retry_after_s)
        yield


def _count_in(definitions: Any, operation_name: str | None) -> int:
    operation, fragments = chosen_operation(definitions, operation_name)
    return expensive_fields(operation, fragments) if operation is not None else 0


def _as_error(error: ApiError) -> GraphQLError:
    extensions: dict[str, object] = {"code": error.code}
    if isinstance(error, RateLimited):
        extensions["retryAfter"] = error.retry_after_s
    return GraphQLError(error.message, extensions=extensions)
