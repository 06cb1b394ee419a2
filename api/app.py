"""The FastAPI app: GraphQL at ``/graphql`` (with GraphiQL), ``/healthz``, ``/readyz``, ``/metrics``.

The lifespan creates the process's one async Neo4j driver and closes it on shutdown. The driver
connects lazily, so the API starts while Neo4j is down, answers ``DATABASE_UNAVAILABLE`` fast,
and serves again as soon as Neo4j is back.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.schema import Schema

from api import errors
from api.context import RequestContext, make_context_getter
from api.db import api_session, open_api_driver
from api.metrics import ApiMetrics
from api.rates import RateTable
from api.schema import build_schema
from api.settings import ApiSettings, get_api_settings
from borderless.errors import ApiError, GraphError
from borderless.settings import Settings, get_settings

log = logging.getLogger("borderless.api")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._\-]{1,64}$")


def create_app(settings: Settings | None = None, api: ApiSettings | None = None) -> FastAPI:
    """The API app; settings default to the environment's."""
    settings = settings or get_settings()
    api = api or get_api_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = open_api_driver(settings, api)
        app.state.driver = driver
        try:
            yield
        finally:
            await driver.close()

    app = FastAPI(title="Borderless", lifespan=lifespan,
                  description="The cross-border shop's catalog, recommendations and search.")
    app.state.settings = settings
    app.state.api = api
    app.state.metrics = ApiMetrics()
    app.state.rates = RateTable(api.rates_ttl_s)
    app.add_middleware(RequestIdMiddleware)
    if api.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=api.cors_origins, allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-API-Key", "X-Request-ID"],
            expose_headers=["X-Request-ID"],
        )
    app.add_exception_handler(ApiError, _api_error)
    # Strawberry's plain ASGI app on a plain route: GraphQLRouter's FastAPI dependency solving
    # cost ~0.8 ms a request, a sixth of a product page's CPU (bench/RESULTS.md).
    app.add_route("/graphql", GraphQLApp(build_schema(api), make_context_getter()),
                  methods=["GET", "POST"])
    app.add_api_route("/healthz", _healthz, methods=["GET"])
    app.add_api_route("/readyz", _readyz, methods=["GET"])
    app.add_api_route("/metrics", _metrics, methods=["GET"])
    return app


class RequestIdMiddleware:
    """Tag every request with an id (the client's X-Request-ID if sane) for logs and errors.

    A plain ASGI middleware: Starlette's ``BaseHTTPMiddleware`` costs a task per request.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get("x-request-id", "")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["X-Request-ID"] = request_id
            await send(message)

        await self.app(scope, receive, send_with_id)


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    """Errors raised before GraphQL runs (bad credentials) in the GraphQL error shape."""
    assert isinstance(exc, ApiError)  # noqa: S101 - registered for ApiError only
    status = 401 if exc.code == errors.UNAUTHENTICATED else 400
    body = {"data": None, "errors": [{"message": exc.message, "extensions": {"code": exc.code}}]}
    return JSONResponse(body, status_code=status)


async def _healthz() -> dict[str, str]:
    """The process is alive (says nothing about Neo4j)."""
    return {"status": "ok"}


async def _readyz(request: Request) -> JSONResponse:
    """Ready to serve: Neo4j answers and a model version is active; 503 otherwise."""
    state = request.app.state
    graph = api_session(state.driver, state.settings, on_round_trip=state.metrics.round_trip)
    try:
        rows = await graph.read("manager/active_model_version")
    except ApiError as e:
        return JSONResponse({"status": "unavailable", "neo4j": e.code}, status_code=503)
    except GraphError as e:
        log.warning("readyz: %s", e)
        return JSONResponse({"status": "unavailable", "neo4j": "error"}, status_code=503)
    if not rows:
        return JSONResponse({"status": "unavailable", "neo4j": "ok", "model": None},
                            status_code=503)
    return JSONResponse({"status": "ready", "neo4j": "ok", "model": str(rows[0]["id"])})


async def _metrics(request: Request) -> Response:
    return Response(request.app.state.metrics.render(),
                    media_type="text/plain; version=0.0.4; charset=utf-8")


class GraphQLApp(GraphQL):
    """Strawberry's ASGI GraphQL app (with GraphiQL), its context built by ``context_getter``."""

    def __init__(
        self, schema: Schema, context_getter: Callable[[Request], Awaitable[RequestContext]],
    ) -> None:
        super().__init__(schema, graphql_ide="graphiql")
        self._context_getter = context_getter

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket,
    ) -> RequestContext:
        assert isinstance(request, Request)  # noqa: S101 - no subscriptions are served
        return await self._context_getter(request)
