"""Cached anonymous catalog reads answered in front of FastAPI and Strawberry, as bytes.

``api/cache.py`` keeps the *results* of anonymous catalog reads, but a hit still went through
Starlette's request, Strawberry's view (body parsing, persisted queries), the JSON encoding of
the answer, and its decoding and re-encoding for the ETag: about 1.5 ms of CPU, several times a
``GET /healthz`` (bench/RESULTS.md, h27 and h46). This layer is a plain ASGI middleware that
keeps the finished HTTP answer (status, headers with a precomputed ETag, body bytes) under the
request's raw bytes (method, ``Accept``, ``Content-Type``, the URL's query string for a GET or
the body for a POST) and the catalog version. A hit costs: reading the body, one dictionary
look-up, the rate limiter and the catalog version (below); the answer is sent as stored.

Never stale: the catalog version (``api.cache.catalog_version``) is read for every request,
after it arrived. Concurrent requests share one read (:class:`VersionGate`): a request waits
for a read that *starts* after it arrived, so every write committed before a request came is
seen by it, while a burst of hits costs Neo4j one read instead of one each.

Never personal: a request carrying ``Authorization`` or ``X-API-Key`` (even empty) passes
straight through; it neither gets nor fills an entry. An entry is filled only from a 200 answer
that the GraphQL endpoint marked as an anonymous catalog read without errors
(:data:`FILL_KEY`) and that got ``Cache-Control: public``.
"""

from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.cache import catalog_version
from api.db import api_session
from api.ratelimit import RateLimited, client_key
from borderless.errors import ApiError, GraphError

# Keys in the ASGI scope's ``state`` this layer and the GraphQL endpoint share.
VERSION_KEY = "catalog_version"  # the version this layer read, so the endpoint reads no other
FILL_KEY = "catalog_cache_fill"  # set by the endpoint: the operation's name, the answer may be kept
# Request headers that make a request someone's own: such requests bypass this layer entirely.
_PERSONAL = (b"authorization", b"x-api-key")
_KEPT_HEADERS = (b"content-type", b"cache-control", b"etag", b"vary")


class VersionGate:
    """One catalog-version read at a time, shared by every request that waits for it.

    A caller joins the read that has not started yet (or starts one); a read already running
    when the caller came may have missed a write committed just before, so it is not joined.
    Reads run one after another rather than overlapping: measured side by side against a gate
    that started a read per turn of the event loop, this one served 1.1-1.5x the hits per second
    at less CPU per hit, as more requests share each read (bench/RESULTS.md, h64).

    Args:
        read: reads the version (one Neo4j round trip).
    """

    def __init__(self, read: Callable[[], Awaitable[int]]) -> None:
        self._read = read
        self._pending: asyncio.Future[int] | None = None
        self._running = False

    async def current(self) -> int:
        """The catalog version as of a moment after this call began.

        Raises:
            ApiError, GraphError: the read failed (Neo4j down or failing).
        """
        if self._pending is None:
            self._pending = asyncio.get_running_loop().create_future()
            if not self._running:
                self._running = True
                asyncio.get_running_loop().create_task(self._serve())
        return await asyncio.shield(self._pending)

    async def _serve(self) -> None:
        try:
            while self._pending is not None:
                # Whoever comes from now on waits for the next read, which starts after them.
                future, self._pending = self._pending, None
                try:
                    future.set_result(await self._read())
                except Exception as e:  # noqa: BLE001 - handed to every waiter, which falls back
                    future.set_exception(e)
                    future.exception()  # retrieved: no warning if every waiter has gone
        finally:
            self._running = False


class _Entry:
    """A finished answer: its headers (ETag included) and body, ready to send."""

    __slots__ = ("body", "etag", "headers", "not_modified", "operation")

    def __init__(self, headers: list[tuple[bytes, bytes]], body: bytes, operation: str) -> None:
        self.body = body
        self.operation = operation
        self.etag = next((v.decode() for k, v in headers if k == b"etag"), "")
        self.not_modified = [(k, v) for k, v in headers if k != b"content-type"]
        self.headers = [*headers, (b"content-length", str(len(body)).encode())]


class CatalogHitCache:
    """The ASGI layer in front of ``path`` that answers repeated anonymous catalog reads.

    Args:
        app: the rest of the application.
        max_entries: how many answers to keep (least recently used go first).
        path: the GraphQL endpoint's path.
    """

    def __init__(self, app: ASGIApp, max_entries: int, path: str = "/graphql") -> None:
        self.app = app
        self.max_entries = max_entries
        self.path = path
        self._entries: OrderedDict[tuple[Any, ...], _Entry] = OrderedDict()
        self._gate: VersionGate | None = None
        self._gate_driver: object = None  # the driver the gate reads through

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["path"] != self.path
                or scope["method"] not in ("GET", "POST")
                or any(name in _PERSONAL for name, _ in scope["headers"])):
            await self.app(scope, receive, send)
            return
        body = b""
        if scope["method"] == "POST":
            body, receive = await _buffered(receive)
        headers = dict(scope["headers"])
        raw = scope["query_string"] if scope["method"] == "GET" else body
        state: Any = scope["app"].state
        try:
            version = await self._version_gate(state).current()
        except (ApiError, GraphError):
            await self.app(scope, receive, send)  # the endpoint reports it the usual way
            return
        key = (version, scope["method"], headers.get(b"accept"), headers.get(b"content-type"),
               raw)
        entry = self._entries.get(key)
        if entry is not None and self._spend(state, scope):
            self._entries.move_to_end(key)
            state.metrics.cached(entry.operation or None)
            await _send_entry(entry, headers.get(b"if-none-match"), send)
            return
        scope.setdefault("state", {})[VERSION_KEY] = version
        await self.app(scope, receive, self._filling(scope, key, send))

    def _version_gate(self, state: Any) -> VersionGate:
        # Made on first use, once the lifespan has opened the driver; again if the app was
        # started anew with another one (a closed driver would fail every read).
        if self._gate is None or self._gate_driver is not state.driver:
            graph = api_session(state.driver, state.settings,
                                on_round_trip=state.metrics.round_trip)
            self._gate = VersionGate(lambda: catalog_version(graph))
            self._gate_driver = state.driver
        return self._gate

    @staticmethod
    def _spend(state: Any, scope: Scope) -> bool:
        """Spend the address's budget; False sends the request on, to be refused as usual."""
        try:
            state.limits.spend(client_key(None, Request(scope)))
        except RateLimited:
            return False
        return True

    def _filling(self, scope: Scope, key: tuple[Any, ...], send: Send) -> Send:
        """``send``, keeping the answer when the endpoint marked it as one to keep."""
        start: Message | None = None
        chunks: list[bytes] = []

        async def send_and_keep(message: Message) -> None:
            nonlocal start
            await send(message)
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(scope, key, start, b"".join(chunks))

        return send_and_keep

    def _keep(self, scope: Scope, key: tuple[Any, ...], start: Message, body: bytes) -> None:
        operation = scope.get("state", {}).get(FILL_KEY)
        headers = {k.lower(): v for k, v in start.get("headers", [])}
        if (operation is None or start["status"] != 200 or self.max_entries <= 0
                or not headers.get(b"cache-control", b"").startswith(b"public")):
            return
        hit_body = _as_hit(body)
        if hit_body is None:
            return
        kept = [(k, headers[k]) for k in _KEPT_HEADERS if k in headers]
        self._entries[key] = _Entry(kept, hit_body, operation)
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)


async def _buffered(receive: Receive) -> tuple[bytes, Receive]:
    """The whole request body, and a ``receive`` that hands it on to the app once more."""
    parts: list[bytes] = []
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            break  # the client went away; the app sees it on its own receive
        parts.append(message.get("body", b""))
        more = message.get("more_body", False)
    body = b"".join(parts)
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return body, replay


def _as_hit(body: bytes) -> bytes | None:
    """The executed answer as a hit reports it: one round trip, the catalog version's read.

    Decoded and encoded once, when the entry is made, never per hit; the ETag covers the data
    alone, so it is unchanged. None for a body that is not one JSON answer (not kept).
    """
    try:
        answer = json.loads(body)
    except ValueError:
        return None
    if not isinstance(answer, dict):
        return None
    answer["extensions"] = {"neo4jRoundTrips": 1}
    return json.dumps(answer, separators=(",", ":")).encode()


async def _send_entry(entry: _Entry, if_none_match: bytes | None, send: Send) -> None:
    if if_none_match is not None and entry.etag in (
            tag.strip() for tag in if_none_match.decode("latin-1").split(",")):
        await send({"type": "http.response.start", "status": 304,
                    "headers": list(entry.not_modified)})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": 200, "headers": list(entry.headers)})
    await send({"type": "http.response.body", "body": entry.body})
