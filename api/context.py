"""The per-request context every resolver receives: who asks, the Neo4j session, the loaders.

Built by :func:`make_context_getter` for the app's GraphQL endpoint; the driver, settings and
metrics come from the app's state (set up in the lifespan), the rest is new for each request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request, Response
from neo4j import AsyncDriver

from api import errors
from api.auth import Principal, authenticate
from api.db import api_session
from api.loaders import Loaders
from api.metrics import ApiMetrics
from api.models import ModelWarmup
from api.rates import RateTable
from api.ratelimit import RateLimits, client_key
from api.records import Rate
from api.settings import ApiSettings
from borderless.errors import ApiError
from borderless.settings import Settings


class RequestContext:
    """Everything one GraphQL request needs."""

    def __init__(
        self, *, settings: Settings, api: ApiSettings, driver: AsyncDriver, metrics: ApiMetrics,
        principal: Principal, request_id: str, rates: RateTable, limits: RateLimits | None = None,
        client: str = "", models: ModelWarmup | None = None, session_header: str | None = None,
    ) -> None:
        self.settings = settings
        self.api = api
        self.driver = driver
        self.metrics = metrics
        self.principal = principal
        self.request_id = request_id
        # Rate limiting: the budgets, and whose they are (see api.ratelimit).
        self.limits = limits
        self.client = client
        self.models = models
        # An anonymous shopper's session (X-Session-Id), for recordEvents.
        self.session_header = session_header
        # The HTTP response being built (set by the endpoint), so a refusal can set its status.
        self.response: Response | None = None
        self.graph = api_session(driver, settings, on_round_trip=metrics.round_trip)
        self.loaders = Loaders(self.graph)
        self._shared_rates = rates
        # The catalog version this request read (set by the catalog cache): rates read before
        # it may be older than the catalog, so the shared table is re-read.
        self.catalog_version: int | None = None
        # The rate table as this request first saw it: every price on a page uses the same rates.
        self._rates: dict[str, Rate] | None = None

    async def rate(self, code: str | None) -> Rate:
        """The exchange rate into ``code`` (the base currency when None).

        Raises:
            ApiError: UNKNOWN_CURRENCY when the graph has no rate for it.
        """
        if self._rates is None:
            self._rates = await self._shared_rates.get(self.graph, self.catalog_version)
        return self._pick_rate(code)

    def rate_now(self, code: str | None) -> Rate | None:
        """:meth:`rate` without waiting, once this request holds the table; else None.

        Resolvers use it to skip an await (and the task graphql-core makes for it) on the many
        prices of a page after the first.
        """
        return self._pick_rate(code) if self._rates is not None else None

    def refuse_with(self, status: int, retry_after_s: int) -> None:
        """Answer with HTTP ``status`` and ``Retry-After`` (a spent rate budget)."""
        if self.response is not None:
            self.response.status_code = status
            self.response.headers["Retry-After"] = str(retry_after_s)

    def _pick_rate(self, code: str | None) -> Rate:
        assert self._rates is not None  # noqa: S101 - callers load the table first
        code = code or self.settings.base_currency
        rate = self._rates.get(code)
        if rate is not None:
            return rate
        if code == self.settings.base_currency:
            return Rate(code, 1.0, None)
        raise ApiError(errors.UNKNOWN_CURRENCY, f"no exchange rate for currency {code!r}")


def make_context_getter() -> Callable[[Request], Awaitable[RequestContext]]:
    """The context getter of the GraphQL endpoint; reads the app's state from the request."""

    async def get_context(request: Request) -> RequestContext:
        state: Any = request.app.state
        limits: RateLimits = state.limits
        try:
            principal = authenticate(
                request.headers.get("x-api-key"), request.headers.get("authorization"), state.api
            )
        except ApiError:
            # A failed sign-in spends its address's budget: guessing keys is rate-limited too.
            limits.spend(client_key(None, request))
            raise
        client = client_key(principal, request)
        limits.spend(client)
        return RequestContext(
            settings=state.settings, api=state.api, driver=state.driver, metrics=state.metrics,
            principal=principal, request_id=request.state.request_id, rates=state.rates,
            limits=limits, client=client, models=state.models,
            session_header=request.headers.get("x-session-id"),
        )

    return get_context
