"""Refuse request bodies over a size limit before anything parses them (HTTP 413).

A plain ASGI middleware, so the check happens below every framework layer: a declared
``Content-Length`` over the limit is answered at once, without reading a byte of the body; a
chunked body (no length given) is counted as it streams in and refused the moment it passes
the limit. Either way the process never holds more than the limit of one body, and the
connection is closed after the answer rather than draining what the client still sends.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import errors


class BodyTooLarge(Exception):
    """A streamed body passed the limit (raised inside ``receive``, answered by the middleware)."""


class BodyLimitMiddleware:
    """Answers 413 ``PAYLOAD_TOO_LARGE`` to any HTTP request whose body exceeds its limit.

    Args:
        max_bytes: the limit of every path not in ``path_limits``.
        path_limits: paths with a limit of their own (``/voice`` takes audio), and its setting.
    """

    def __init__(self, app: ASGIApp, max_bytes: int,
                 path_limits: Mapping[str, tuple[int, str]] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.path_limits = dict(path_limits or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes, setting = self.path_limits.get(scope["path"],
                                                  (self.max_bytes, "BORDERLESS_MAX_BODY_BYTES"))
        too_large = (f"the request body is over the limit of {max_bytes} bytes ({setting})")
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            if not declared.isdigit():
                await _refuse(send, 400, errors.BAD_REQUEST,
                              "Content-Length must be a non-negative integer")
                return
            if int(declared) > max_bytes:
                await _refuse(send, 413, errors.PAYLOAD_TOO_LARGE, too_large)
                return

        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_bytes:
                    raise BodyTooLarge
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except BodyTooLarge:
            if started:  # too late for a 413; the server closes the connection
                raise
            await _refuse(send, 413, errors.PAYLOAD_TOO_LARGE, too_large)


async def _refuse(send: Send, status: int, code: str, message: str) -> None:
    """A GraphQL-shaped error answer; the connection closes (the body may still be arriving)."""
    body = json.dumps({"data": None, "errors": [{"message": message,
                                                 "extensions": {"code": code}}]}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
