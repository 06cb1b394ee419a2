"""The API's road to Neo4j: one async driver per process, one counting session per request.

Every statement is a named file under ``cypher/`` run in a transaction with the settings'
timeout. Reads run as auto-commit read transactions: one network round trip (RUN and PULL)
instead of a managed transaction's three (BEGIN, RUN and PULL, COMMIT), which on a product page
was a quarter of the API's CPU. A read has nothing to roll back, and one that meets a connection
dropped while Neo4j restarted is simply run again once on a fresh connection. Driver failures become API errors with codes a client can act on
(``DATABASE_UNAVAILABLE``, ``QUERY_TIMEOUT``); anything else becomes a masked ``GraphError``.
Each :class:`GraphSession` counts its round trips, which the tests and ``/metrics`` read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

from neo4j import (
    READ_ACCESS, WRITE_ACCESS, AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction, Query,
    unit_of_work,
)
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
        self._count(name)
        query = Query(statement(name), timeout=self.timeout_s)
        try:
            try:
                return await self._auto_commit(query, params)
            except (ServiceUnavailable, SessionExpired):
                # A pooled connection that died with the server; the driver has dropped it now.
                return await self._auto_commit(query, params)
        except ApiError:
            raise
        except Exception as e:  # noqa: BLE001 - translated, re-raised with its cause
            _raise_translated(name, e)

    async def _auto_commit(self, query: Query, params: dict[str, Any]) -> list[dict[str, Any]]:
        async with self.driver.session(
            database=self.database, default_access_mode=READ_ACCESS
        ) as session:
            result = await session.run(query, params)
            keys = result.keys()
            # The API's statements return values, maps and lists, never nodes, so rows need
            # none of Record.data()'s recursive conversion (a fifth of a recommendation's CPU).
            return [dict(zip(keys, record)) async for record in result]

    async def write(
        self, name: str, *, check: Callable[[list[dict[str, Any]]], None] | None = None,
        **params: Any,
    ) -> list[dict[str, Any]]:
        """Rows returned by the named write statement, run in one write transaction.

        Args:
            check: called with the rows before commit; whatever it raises rolls the write back
                (e.g. when some rows referred to nodes that do not exist).
        """
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
                database=self.database, default_access_mode=WRITE_ACCESS
            ) as session:
                return await session.execute_write(work)
        except ApiError:
            raise
        except Exception as e:  # noqa: BLE001 - translated, re-raised with its cause
            _raise_translated(name, e)


def _raise_translated(name: str, error: Exception) -> NoReturn:
    translated = translate(name, error)
    if translated is error:
        raise error
    raise translated from error


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
