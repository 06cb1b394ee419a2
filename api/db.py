"""The API's road to Neo4j: one async driver per process, one counting session per request.

Every statement is a named file under ``cypher/`` run in a transaction with the settings'
timeout. Driver failures become API errors with codes a client can act on
(``DATABASE_UNAVAILABLE``, ``QUERY_TIMEOUT``); anything else becomes a masked ``GraphError``.
Each :class:`GraphSession` counts its round trips, which the tests and ``/metrics`` read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from neo4j import READ_ACCESS, WRITE_ACCESS, AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction, unit_of_work
from neo4j.exceptions import (
    ClientError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired, TransientError,
)

from api import errors
from api.settings import ApiSettings
from borderless.errors import ApiError, GraphError
from borderless.settings import Settings
from graph.cypher import statement

# Neo4j codes meaning "the transaction ran out of time" (server timeout or client-set timeout).
_TIMEOUT_CODES = ("TransactionTimedOut", "TransactionTimedOutClientConfiguration")


def open_async_driver(settings: Settings, api: ApiSettings) -> AsyncDriver:
    """The process's driver, tuned to fail fast when Neo4j is away rather than hang a page.

    No connection is made here; the first query connects, so the API starts even while Neo4j is
    still coming up and recovers by itself when it returns.
    """
    return AsyncGraphDatabase.driver(
        settings.bolt_uri(),
        auth=settings.neo4j_auth(),
        connection_timeout=api.neo4j_connect_timeout_s,
        connection_acquisition_timeout=api.neo4j_connect_timeout_s * 2,
        max_transaction_retry_time=api.neo4j_retry_time_s,
        # "Property does not exist" hints about optional fields are noise in a shop's logs.
        notifications_min_severity="OFF",
    )


class GraphSession:
    """Runs named statements for one request and counts the round trips it makes."""

    def __init__(
        self, driver: AsyncDriver, database: str, timeout_s: float,
        on_round_trip: Callable[[str], None] | None = None,
    ) -> None:
        self.driver = driver
        self.database = database
        self.timeout_s = timeout_s
        self.round_trips = 0
        self._on_round_trip = on_round_trip

    def _count(self, name: str) -> None:
        self.round_trips += 1
        if self._on_round_trip is not None:
            self._on_round_trip(name)

    async def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Rows of the named read-only statement, run in a read transaction with the timeout."""
        return await self._run(name, READ_ACCESS, params)

    async def write(
        self, name: str, *, check: Callable[[list[dict[str, Any]]], None] | None = None,
        **params: Any,
    ) -> list[dict[str, Any]]:
        """Rows returned by the named write statement, run in one write transaction.

        Args:
            check: called with the rows before commit; whatever it raises rolls the write back
                (e.g. when some rows referred to nodes that do not exist).
        """
        return await self._run(name, WRITE_ACCESS, params, check)

    async def _run(
        self, name: str, mode: str, params: dict[str, Any],
        check: Callable[[list[dict[str, Any]]], None] | None = None,
    ) -> list[dict[str, Any]]:
        text = statement(name)

        @unit_of_work(timeout=self.timeout_s)
        async def work(tx: AsyncManagedTransaction) -> list[dict[str, Any]]:
            result = await tx.run(text, **params)
            rows = [record.data() async for record in result]
            if check is not None:
                check(rows)
            return rows

        self._count(name)
        try:
            async with self.driver.session(
                database=self.database, default_access_mode=mode
            ) as session:
                if mode == READ_ACCESS:
                    return await session.execute_read(work)
                return await session.execute_write(work)
        except ApiError:
            raise
        except Exception as e:  # noqa: BLE001 - translated below, re-raised with its cause
            translated = translate(name, e)
            if translated is e:
                raise
            raise translated from e


def translate(name: str, error: Exception) -> Exception:
    """The API error a driver failure means to a client (or the error itself if not one)."""
    if isinstance(error, (ServiceUnavailable, SessionExpired, OSError)):
        return ApiError(errors.DATABASE_UNAVAILABLE,
                        "the catalog database is unreachable right now; retry shortly")
    if isinstance(error, ClientError) and any(c in (error.code or "") for c in _TIMEOUT_CODES):
        return ApiError(errors.QUERY_TIMEOUT, "the query took too long and was stopped")
    if isinstance(error, TransientError) and "Terminated" in (error.code or ""):
        return ApiError(errors.QUERY_TIMEOUT, "the query took too long and was stopped")
    if isinstance(error, (Neo4jError, DriverError)):
        return GraphError(f"{name}: {error.__class__.__name__}: {error}")
    return error
