"""The FastAPI app: GraphQL at ``/graphql`` (GraphiQL), ``/voice`` (``api.voice``),
``/voice/speak`` (``api.speak``), ``/healthz``, ``/readyz``, ``/metrics``.

The lifespan creates the process's one async Neo4j driver and closes it on shutdown, and starts
loading the search models in a worker thread (``api.models``). The driver connects lazily, so
the API starts while Neo4j is down, answers ``DATABASE_UNAVAILABLE`` fast, and serves again as
soon as Neo4j is back.

Client mistakes never reach a 500: bodies over the size limit are refused before they are read
(``api.body_limit``), a body that is not a GraphQL request gets 400 ``BAD_REQUEST`` in the
GraphQL error shape, and every client's requests are rate-limited (``api.ratelimit``).

GraphiQL's own files are served under ``/graphiql/static/`` (see ``api/graphiql.py``). In
development mode (``api.dev``) unset secrets come from ``api/devsecrets.py``.
"""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from graphql import GraphQLError, OperationDefinitionNode, parse
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLRequestData
from strawberry.schema import Schema
from strawberry.types import ExecutionResult

from api import errors, heap
from api.body_limit import BodyLimitMiddleware
from api.cache import CatalogCache, catalog_version
from api.context import RequestContext, make_context_getter
from api.db import api_session, open_api_driver
from api.devsecrets import load_dev_secrets, with_dev_secrets
from api.hit_cache import FILL_KEY, VERSION_KEY, CatalogHitCache
from api.graphiql import STATIC_PATH, graphiql_html, graphiql_static
from api.logs import AccessLogMiddleware
from api.experiment_page import report_page
from api.metrics import ApiMetrics
from api.persisted import (
    PERSISTED_QUERY_NOT_FOUND, Encoded, PersistedQueries, PersistedQueryError,
    add_cache_headers, encoded_answer,
)
from api.models import ModelWarmup, load_models
from api.photo_search import photo_search
from api.ratelimit import RateLimited, RateLimits
from api.rates import RateTable
from api.schema import build_schema
from api.speak import voice_speak
from api.text_index_job import job_running, text_index_state
from api.voice import voice
from api.settings import ApiSettings, get_api_settings
from borderless.errors import ApiError, GraphError
from borderless.settings import Settings, get_settings
from graph.session import GraphSession

log = logging.getLogger("borderless.api")

# The requests a GraphQL call parsed (APQ resolved), for its cache headers.
_PARSED: ContextVar[list[GraphQLRequestData]] = ContextVar("borderless_parsed_requests")
# The answer as it was encoded, so its ETag needs no decoding and re-encoding (api/persisted.py).
_ENCODED: ContextVar[list[Encoded]] = ContextVar("borderless_encoded_answer")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._\-]{1,64}$")


def create_app(settings: Settings | None = None, api: ApiSettings | None = None) -> FastAPI:
    """The API app; settings default to the environment's."""
    settings = settings or get_settings()
    api = api or get_api_settings()
    if api.dev:
        api = with_dev_secrets(api, load_dev_secrets(settings))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = open_api_driver(settings, api)
        app.state.driver = driver
        if api.warm_models:
            app.state.models.start()
        # Long-lived objects out of the collector's sight (api/heap.py): about a sixth of an
        # uncached page's CPU went to collections walking them.
        heap.settle()
        try:
            yield
        finally:
            await driver.close()

    app = FastAPI(title="Borderless", lifespan=lifespan,
                  description="The cross-border shop's catalog, recommendations and search.")
    app.state.settings = settings
    app.state.api = api
    app.state.metrics = ApiMetrics(api.metrics_operations, api.metrics_max_operations)
    app.state.rates = RateTable(api.rates_ttl_s)
    app.state.limits = RateLimits(api.rate_limit, api.rate_limit_expensive, api.rate_limit_events)
    app.state.models = ModelWarmup(lambda: _load_models_and_settle(settings))
    cache = CatalogCache(api.catalog_cache_entries) if api.catalog_cache_entries else None
    if cache is not None:
        # Innermost of all: inside the body limit (it reads bodies), the access log and the
        # request ids, so its hits are limited, logged and tagged like every other answer.
        app.add_middleware(CatalogHitCache, max_entries=api.catalog_cache_entries)
    # Added early, so it runs inside the request-id middleware and its 413s carry the id.
    app.add_middleware(BodyLimitMiddleware, max_bytes=api.max_body_bytes,
                       path_limits={"/voice": (api.max_voice_bytes, "BORDERLESS_MAX_VOICE_BYTES"),
                                    "/photo-search": (settings.image_max_bytes,
                                                      "BORDERLESS_IMAGE_MAX_BYTES")})
    if api.access_log:
        app.add_middleware(AccessLogMiddleware)  # inside RequestIdMiddleware: it needs the id
    app.add_middleware(RequestIdMiddleware)
    if api.cors_origins or api.cors_origin_regex:
        app.add_middleware(
            CORSMiddleware, allow_origins=api.cors_origins,
            allow_origin_regex=api.cors_origin_regex, allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-API-Key", "X-Request-ID"],
            expose_headers=["X-Request-ID"],
        )
    app.add_exception_handler(ApiError, _api_error)
    # Strawberry's plain ASGI app on a plain route: GraphQLRouter's FastAPI dependency solving
    # cost ~0.8 ms a request, a sixth of a product page's CPU (bench/RESULTS.md).
    app.state.catalog_cache = cache
    # Kept on the app: /voice runs a spoken search through the same schema.
    app.state.schema = build_schema(api)
    app.add_route("/graphql", GraphQLApp(app.state.schema, make_context_getter(),
                                         api.graphiql_dir, api, cache),
                  methods=["GET", "POST"])
    app.add_route("/voice", voice, methods=["POST"])
    app.add_route("/voice/speak", voice_speak, methods=["GET", "POST"])
    app.mount(STATIC_PATH, graphiql_static(api.graphiql_dir))
    app.add_api_route("/healthz", _healthz, methods=["GET"])
    app.add_api_route("/readyz", _readyz, methods=["GET"])
    app.add_api_route("/metrics", _metrics, methods=["GET"])
    app.add_api_route("/experiments/{key}/report", report_page, methods=["GET"])
    app.state.image_encoder, app.state.image_encoder_lock = None, asyncio.Lock()
    app.add_api_route("/photo-search", photo_search, methods=["POST"])
    return app


def _load_models_and_settle(settings: Settings) -> None:
    """Load the search models, then freeze them with the rest of the long-lived heap."""
    load_models(settings)
    heap.settle()


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


# Plain routes (the experiment report page) answer with the HTTP status their error means.
_HTTP_STATUS = {errors.UNAUTHENTICATED: 401, errors.FORBIDDEN: 403, errors.NOT_FOUND: 404}


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    """Errors raised before GraphQL runs (bad credentials) in the GraphQL error shape."""
    assert isinstance(exc, ApiError)  # registered for ApiError only
    extensions: dict[str, Any] = {"code": exc.code}
    headers: dict[str, str] = {}
    status = _HTTP_STATUS.get(exc.code, 400)
    if isinstance(exc, RateLimited):
        status = 429
        extensions["retryAfter"] = exc.retry_after_s
        headers["Retry-After"] = str(exc.retry_after_s)
    body = {"data": None, "errors": [{"message": exc.message, "extensions": extensions}]}
    return JSONResponse(body, status_code=status, headers=headers)


async def _healthz() -> dict[str, str]:
    """The process is alive (says nothing about Neo4j)."""
    return {"status": "ok"}


async def _readyz(request: Request) -> JSONResponse:
    """Ready to serve: Neo4j answers, a model version is active and the search models are not
    still loading (``models``: ``loading``, ``ready``, ``failed`` or ``off``); 503 otherwise.
    ``textIndex`` says how far the products' text vectors are (``api.text_index_job``).

    A failed model load leaves the API ready: catalog reads work, and ``search``/``ask`` answer
    ``FEATURE_UNAVAILABLE`` and retry the load.
    """
    state = request.app.state
    models = state.models.state
    graph = api_session(state.driver, state.settings, on_round_trip=state.metrics.round_trip)
    try:
        rows = await graph.read("manager/active_model_version")
        # The text index does not gate readiness: everything serves while it is built, and
        # search says in its notice what is still missing.
        text_index = await _text_index(graph, state.settings)
    except ApiError as e:
        return JSONResponse({"status": "unavailable", "neo4j": e.code, "models": models},
                            status_code=503)
    except GraphError as e:
        log.warning("readyz: %s", e)
        return JSONResponse({"status": "unavailable", "neo4j": "error", "models": models},
                            status_code=503)
    if not rows:
        return JSONResponse({"status": "unavailable", "neo4j": "ok", "model": None,
                             "models": models, "textIndex": text_index}, status_code=503)
    model = str(rows[0]["id"])
    if models == "loading":
        return JSONResponse({"status": "unavailable", "neo4j": "ok", "model": model,
                             "models": models, "textIndex": text_index}, status_code=503)
    return JSONResponse({"status": "ready", "neo4j": "ok", "model": model, "models": models,
                         "textIndex": text_index})


async def _text_index(graph: GraphSession, settings: Settings) -> str:
    """``ready``, ``building N/M`` (a background build runs) or ``incomplete N/M``."""
    progress = (await graph.read("queries/api_text_index_progress",
                                 embedder=settings.text_embedder))[0]
    running = await asyncio.to_thread(job_running, settings)  # reads /proc: off the loop
    return text_index_state(int(progress["embedded"]), int(progress["products"]), running)


async def _metrics(request: Request) -> Response:
    return Response(request.app.state.metrics.render(),
                    media_type="text/plain; version=0.0.4; charset=utf-8")


_OPERATION_KEYWORDS = re.compile(r"\b(?:query|mutation|subscription)\b")


def _several_operations(query: object) -> bool:
    """Whether a GraphQL document defines more than one operation (parsed only when it may)."""
    # Two operations need two keywords (an anonymous one beside others fails validation anyway).
    if not isinstance(query, str) or len(_OPERATION_KEYWORDS.findall(query)) < 2:
        return False
    try:
        document = parse(query)
    except GraphQLError:
        return False  # the syntax error is reported, with its code, by the normal path
    return sum(isinstance(d, OperationDefinitionNode) for d in document.definitions) > 1


class GraphQLApp(GraphQL):
    """Strawberry's ASGI GraphQL app, its context built by ``context_getter``.

    Browsers get our GraphiQL page, whose files this server serves from ``graphiql_dir``,
    instead of Strawberry's page, which loads them from a CDN. Anonymous catalog reads are
    answered from ``cache`` when it holds them for the current catalog version (api/cache.py).
    """

    def __init__(
        self, schema: Schema, context_getter: Callable[[Request], Awaitable[RequestContext]],
        graphiql_dir: Path, api: ApiSettings, cache: CatalogCache | None = None,
    ) -> None:
        super().__init__(schema, graphql_ide="graphiql")
        self._context_getter = context_getter
        self._graphiql_dir = graphiql_dir
        self._cache = cache
        self._persisted = PersistedQueries(api.persisted_queries_max)
        self._max_age_s = api.cache_max_age_s

    def should_render_graphql_ide(self, request: Any) -> bool:
        """GraphiQL only for a page visit: a GET naming a persisted query (``extensions`` with no
        ``query``) is a request, whatever its Accept header (``*/*`` from curl and fetch)."""
        return (super().should_render_graphql_ide(request)
                and request.query_params.get("extensions") is None)

    async def render_graphql_ide(self, request: Request) -> Response:
        # Built per visit (a few stat calls): files fetched after start show on the next reload.
        return HTMLResponse(graphiql_html(self._graphiql_dir))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Strawberry's view, but its HTTP refusals in the GraphQL error shape, with a code."""
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        parsed: list[GraphQLRequestData] = []
        token = _PARSED.set(parsed)  # parse_http_body tells what it ran, for the cache headers
        encoded: list[Encoded] = []
        encoded_token = _ENCODED.set(encoded)  # create_response tells what it encoded
        try:
            response = await self.run(request)
            response = add_cache_headers(request.headers, parsed, response, self._max_age_s,
                                         encoded[0] if len(encoded) == 1 else None)
        except HTTPException as e:
            code = {404: errors.NOT_FOUND}.get(e.status_code, errors.BAD_REQUEST)
            response = JSONResponse(
                {"data": None, "errors": [{"message": e.reason, "extensions": {"code": code}}]},
                status_code=e.status_code)
        except PersistedQueryError as e:  # 200, as Apollo's clients expect, so they retry
            response = JSONResponse(
                {"data": None, "errors": [{"message": e.message, "extensions": {"code": e.code}}]},
                status_code=200 if e.code == PERSISTED_QUERY_NOT_FOUND else 400)
        finally:
            _PARSED.reset(token)
            _ENCODED.reset(encoded_token)
        await response(scope, receive, send)

    def create_response(self, response_data: Any, sub_response: Response) -> Response:
        """Strawberry's response, noting where its data's bytes are for the ETag."""
        response = super().create_response(response_data, sub_response)
        seen = _ENCODED.get(None)
        found = encoded_answer(response_data, bytes(response.body))
        if seen is not None and found is not None:
            seen.append(found)
        return response

    def parse_json(self, data: str | bytes) -> Any:
        """The request's JSON; anything but an object (or a batch list) is the client's mistake."""
        try:
            parsed = super().parse_json(data)
        except (ValueError, RecursionError) as e:  # not UTF-8, or nested past the parser
            raise HTTPException(400, "Unable to parse request body as JSON") from e
        if not isinstance(parsed, (dict, list)):
            got = type(parsed).__name__ if parsed is not None else "null"
            raise HTTPException(400, f"expected a JSON object (a GraphQL request, or its "
                                     f"variables in a GET), got {got}")
        return parsed

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter,
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        parsed = await super().parse_http_body(request)
        for one in parsed if isinstance(parsed, list) else [parsed]:
            self._persisted.resolve(one)
            seen = _PARSED.get(None)
            if seen is not None:
                seen.append(one)
            if not isinstance(one.operation_name, (str, type(None))):
                raise HTTPException(400, "The GraphQL operation's `operationName` must be a "
                                         "string or null, if provided.")
            if one.operation_name is None and _several_operations(one.query):
                # The spec's request error; Strawberry would quietly run the first operation.
                raise HTTPException(400, "The document holds several operations: say which to "
                                         "run with `operationName`.")
        return parsed

    async def execute_single(
        self, request: Request, request_adapter: AsyncHTTPRequestAdapter, sub_response: Any,
        context: RequestContext, root_value: Any, request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """Strawberry's execution, or the cached result of the same anonymous catalog read."""
        cache = self._cache
        operation = None if cache is None else cache.cacheable(
            context.principal.role, request_data.query, request_data.operation_name)
        if cache is None or operation is None:
            return await super().execute_single(request, request_adapter, sub_response,
                                                context, root_value, request_data)
        shared: dict[str, Any] = request.scope.setdefault("state", {})
        # Read by the hit cache in front (api/hit_cache.py) after this request arrived.
        version = shared.get(VERSION_KEY)
        if version is None:
            try:
                version = await catalog_version(context.graph)
            except (ApiError, GraphError):
                # Neo4j unreachable or failing: executing reports it the usual way, the result.
                return await super().execute_single(request, request_adapter, sub_response,
                                                    context, root_value, request_data)
        # Prices on a page computed now must use rates no older than this version.
        context.catalog_version = version
        assert isinstance(request_data.query, str)  # noqa: S101 - cacheable() checked it
        key = cache.key(request_data.query, request_data.operation_name,
                        request_data.variables, version)
        if key is not None and (kept := cache.get(key)) is not None:
            context.metrics.cached(operation)
            shared[FILL_KEY] = operation
            # The stored data with this request's own count of round trips (the version read).
            return ExecutionResult(data=kept.data, errors=None,
                                   extensions={"neo4jRoundTrips": context.graph.round_trips})
        result = await super().execute_single(request, request_adapter, sub_response,
                                              context, root_value, request_data)
        if key is not None:
            cache.put(key, result)
        if not result.errors:
            shared[FILL_KEY] = operation  # the hit cache in front may keep the HTTP answer
        return result

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket,
    ) -> RequestContext:
        assert isinstance(request, Request)  # no subscriptions are served
        context = await self._context_getter(request)
        if isinstance(response, Response):
            context.response = response
        return context
