"""The per-request context every resolver receives: who asks, the Neo4j session, the loaders.

Built by :func:`make_context_getter` for Strawberry's ``GraphQLRouter``; the driver, settings and
metrics come from the app's state (set up in the lifespan), the rest is new for each request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request
from neo4j import AsyncDriver
from strawberry.fastapi import BaseContext

from api import errors
from api.auth import Principal, authenticate
from api.db import GraphSession
from api.loaders import Loaders
from api.rates import RateTable
from api.metrics import ApiMetrics
from api.records import Rate
from api.settings import ApiSettings
from borderless.errors import ApiError
from borderless.settings import Settings


class RequestContext(BaseContext):
    """Everything one GraphQL request needs."""

    def __init__(
        self, *, settings: Settings, api: ApiSettings, driver: AsyncDriver, metrics: ApiMetrics,
        principal: Principal, request_id: str, rates: RateTable,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.api = api
        self.driver = driver
        self.metrics = metrics
        self.principal = principal
        self.request_id = request_id
        self.graph = GraphSession(driver, settings.neo4j_database, settings.query_timeout_s,
                                  on_round_trip=metrics.round_trip)
        self.loaders = Loaders(self.graph, rates)
        self._rates: dict[str, Rate] = {}

    async def rate(self, code: str | None) -> Rate:
        """The exchange rate into ``code`` (the base currency when None).

        Raises:
            ApiError: UNKNOWN_CURRENCY when the graph has no rate for it.
        """
        code = code or self.settings.base_currency
        rate = self._rates.get(code)
        if rate is None:
            rate = await self.loaders.rate.load(code)
        if rate is not None:
            self._rates[code] = rate  # dozens of prices on a page ask for the same rate
            return rate
        if code == self.settings.base_currency:
            return Rate(code, 1.0, None)
        raise ApiError(errors.UNKNOWN_CURRENCY, f"no exchange rate for currency {code!r}")


def make_context_getter() -> Callable[[Request], Awaitable[RequestContext]]:
    """The ``context_getter`` for ``GraphQLRouter``; reads the app's state from the request."""

    async def get_context(request: Request) -> RequestContext:
        state: Any = request.app.state
        principal = authenticate(
            request.headers.get("x-api-key"), request.headers.get("authorization"), state.api
        )
        return RequestContext(
            settings=state.settings, api=state.api, driver=state.driver, metrics=state.metrics,
            principal=principal, request_id=request.state.request_id, rates=state.rates,
        )

    return get_context
