"""How the API server logs: text or JSON lines, and an optional access log with request ids.

``BORDERLESS_LOG_FORMAT=json`` makes every line (ours and uvicorn's) one JSON object, for log
shippers; ``BORDERLESS_ACCESS_LOG=true`` or ``borderless serve --access-log`` adds one line per
request::

    2026-12-06 03:40:01 INFO borderless.access: POST /graphql 200 12.4ms request_id=3f2a...
    {"time": "...", "level": "INFO", "logger": "borderless.access", "message": "POST /graphql 200 12.4ms",
     "method": "POST", "path": "/graphql", "status": 200, "duration_ms": 12.4, "request_id": "3f2a..."}

The request id is the one ``X-Request-ID`` returns and an ``INTERNAL`` error carries, so one id
finds a request's line and its traceback. Query strings are never logged (they may hold tokens).
"""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

access_log = logging.getLogger("borderless.access")

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the record's ``fields`` and any traceback."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(getattr(record, "fields", None) or {})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def logging_config(log_format: str, verbose: bool = False) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for the server process and every uvicorn worker.

    uvicorn applies it in each worker it spawns, so workers log like the parent.
    """
    formatter: dict[str, Any] = (
        {"()": f"{__name__}.JsonFormatter"} if log_format == "json" else {"format": TEXT_FORMAT})
    level = "DEBUG" if verbose else "INFO"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"borderless": formatter},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "borderless",
                                "stream": "ext://sys.stderr"}},
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            # uvicorn's own loggers go through the root handler, so they share the format.
            "uvicorn": {"handlers": [], "level": "INFO", "propagate": True},
            "uvicorn.error": {"handlers": [], "level": "INFO", "propagate": True},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": True},
            "neo4j": {"level": "WARNING"},
            "neo4j.notifications": {"level": "ERROR"},
        },
    }


class AccessLogMiddleware:
    """Log method, path, status, duration and request id of every HTTP request, once it ends.

    Must sit inside ``RequestIdMiddleware``, which puts the request id in the scope.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets if the app raises before answering

        async def send_noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_noting_status)
        finally:
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            request_id = scope.get("state", {}).get("request_id", "-")
            method, path = scope["method"], scope["path"]
            access_log.info(
                "%s %s %d %.1fms request_id=%s", method, path, status, duration_ms, request_id,
                extra={"fields": {"method": method, "path": path, "status": status,
                                  "duration_ms": duration_ms, "request_id": request_id}},
            )
