"""What Neo4j failures mean to an API client, and the API's sessions built on ``graph.session``.

The API reaches Neo4j only through :class:`graph.session.GraphSession`; this module adds the
client's view: driver failures become API errors with codes a client can act on
(``DATABASE_UNAVAILABLE``, ``QUERY_TIMEOUT``); anything else becomes a masked ``GraphError``.
"""

from __future__ import annotations

from collections.abc import Callable

from neo4j import AsyncDriver
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired, TransientError

from api import errors
from api.settings import ApiSettings
from borderless.errors import ApiError
from borderless.settings import Settings
from graph.session import GraphSession, graph_error, open_async_driver

__all__ = ["GraphSession", "api_session", "open_api_driver", "translate"]

# Neo4j codes meaning "the transaction ran out of time" (server timeout or client-set timeout).
_TIMEOUT_CODES = ("TransactionTimedOut", "TransactionTimedOutClientConfiguration")


def open_api_driver(settings: Settings, api: ApiSettings) -> AsyncDriver:
    """The process's driver with the API's connect and retry budgets."""
    return open_async_driver(settings, connect_timeout_s=api.neo4j_connect_timeout_s,
                             retry_time_s=api.neo4j_retry_time_s)


def api_session(driver: AsyncDriver, settings: Settings,
                on_round_trip: Callable[[str], None] | None = None) -> GraphSession:
    """A counting session whose failures carry the API's error codes."""
    return GraphSession(driver, settings.neo4j_database, settings.query_timeout_s,
                        on_round_trip=on_round_trip, translate=translate)


def translate(name: str, error: Exception) -> Exception:
    """The API error a driver failure means to a client (or the error itself if not one)."""
    if isinstance(error, (ServiceUnavailable, SessionExpired, OSError)):
        return ApiError(errors.DATABASE_UNAVAILABLE,
                        "the catalog database is unreachable right now; retry shortly")
    if isinstance(error, ClientError) and any(c in (error.code or "") for c in _TIMEOUT_CODES):
        return ApiError(errors.QUERY_TIMEOUT, "the query took too long and was stopped")
    if isinstance(error, TransientError) and "Terminated" in (error.code or ""):
        return ApiError(errors.QUERY_TIMEOUT, "the query took too long and was stopped")
    return graph_error(name, error)
