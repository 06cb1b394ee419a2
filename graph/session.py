"""The async road to Neo4j: one driver per process, one counting session per unit of work.

Sync callers (the CLI, loaders, training) use :mod:`graph.driver`; async callers (the API) use
this module. Both run named statements from ``cypher/`` (or, for tests and benches, a ``.cypher``
file given by path) with ``$params``; the one exception is :meth:`GraphSession.read_unnamed`, for
model-written statements that guards have already checked, which runs in a read-access session
and is never retried.

Reads run as auto-commit read transactions: one network round trip (RUN and PULL) instead of a
managed transaction's three (BEGIN, RUN and PULL, COMMIT). A read has nothing to roll back, and
one that meets a connection dropped while Neo4j restarted is run again once on a fresh connection.
Each :class:`GraphSession` counts its round trips, which the tests and ``/metrics`` read. Driver
failures go through the session's ``translate`` hook (the API maps them to client error codes);
by default they become :class:`~borderless.errors.GraphError`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from neo4j import (
    READ_ACCESS, WRITE_ACCESS, AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction, Query,
    ResultSummary, unit_of_work,
)
from neo4j.exceptions import (
    ConstraintError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired,
)

from borderless.errors import BorderlessError, ConstraintConflict, GraphError
from borderless.settings import Settings
from graph.cypher import CATALOG_VERSION_BUMP, changes_catalog, statement

Translate = Callable[[str, Exception], Exception]


def open_async_driver(settings: Settings, *, connect_timeout_s: float,
                      retry_time_s: float) -> AsyncDriver:
    """The process's async driver, tuned to fail fast when Neo4j is away rather than hang.

    No connection is made here; the first query connects, so a server starts even while Neo4j
    is still coming up and recovers by itself when it returns.
    """
    return AsyncGraphDatabase.driver(
        settings.bolt_uri(),
        auth=settings.neo4j_auth(),
        connection_timeout=connect_timeout_s,
        connection_acquisition_timeout=connect_timeout_s * 2,
        max_transaction_retry_time=retry_time_s,
        # "Property does not exist" hints about optional fields are noise in a shop's logs.
        notifications_min_severity="OFF",
    )


def graph_error(name: str, error: Exception) -> Exception:
    """The default translation: driver failures become a :class:`GraphError` naming the statement.

    A uniqueness-constraint violation becomes :class:`ConstraintConflict`, as on the sync road.
    """
    if isinstance(error, ConstraintError):
        return ConstraintConflict(f"{name}: {error.code}: {error.message}")
    if isinstance(error, (Neo4jError, DriverError)):
        return GraphError(f"{name}: {error.__class__.__name__}: {error}")
    return error


class GraphSession:
    """Runs statements for one unit of work (an API request, say) and counts its round trips."""

    def __init__(
        self, driver: AsyncDriver, database: str, timeout_s: float,
        on_round_trip: Callable[[str], None] | None = None,
        translate: Translate = graph_error,
    ) -> None:
        self.driver = driver
        self.database = database
        self.timeout_s = timeout_s
        self.round_trips = 0
        self._on_round_trip = on_round_trip
        self._translate = translate

    def _count(self, name: str) -> None:
        self.round_trips += 1
        if self._on_round_trip is not None:
            self._on_round_trip(name)

    def _fail(self, name: str, error: Exception) -> NoReturn:
        translated = self._translate(name, error)
        if translated is error:
            raise error
        raise translated from error

    async def read(self, name: str | Path, **params: Any) -> list[dict[str, Any]]:
        """Rows of the named read-only statement, run in a read transaction with the timeout."""
        label = str(name)
        self._count(label)
        query = Query(statement(name), timeout=self.timeout_s)
        try:
            try:
                return await self._auto_commit(query, params)
            except (ServiceUnavailable, SessionExpired):
                # A pooled connection that died with the server; the driver has dropped it now.
                return await self._auto_commit(query, params)
        except BorderlessError:
            raise
        except Exception as e:  # noqa: BLE001 - translated, re-raised with its cause
            self._fail(label, e)

    async def _auto_commit(self, query: Query, params: dict[str, Any],
                           limit: int | None = None) -> list[dict[str, Any]]:
        async with self.driver.session(
            database=self.database, default_access_mode=READ_ACCESS
        ) as session:
            result = await session.run(query, params)
            keys = result.keys()
            if limit is not None:
                return [record.data() for record in await result.fetch(limit)]
            # Named statements return values, maps and lists, never nodes, so rows need none of
            # Record.data()'s recursive conversion (a fifth of a recommendation's CPU).
            return [dict(zip(keys, record, strict=True)) async for record in result]

    async def write(
        self, name: str | Path, *, check: Callable[[list[dict[str, Any]]], None] | None = None,
        **params: Any,
    ) -> list[dict[str, Any]]:
        """Rows returned by the named write statement, run in one write transaction.

        Args:
            check: called with the rows before commit; whatever it raises rolls the write back
                (e.g. when some rows referred to nodes that do not exist).
        """
        def check_one(answers: list[list[dict[str, Any]]]) -> None:
            if check is not None:
                check(answers[0])

        # One statement is the one-step case of write_all: same transaction, bump and errors.
        return (await self.write_all([(name, params)], check=check_one))[0]

    async def write_all(
        self, steps: Sequence[tuple[str | Path, dict[str, Any]]], *,
        check: Callable[[list[list[dict[str, Any]]]], None] | None = None,
    ) -> list[list[dict[str, Any]]]:
        """Rows of each named write statement, all run in one write transaction.

        Returns only after the transaction committed: every statement's writes are durable
        together, or (on any failure) none is.

        Args:
            steps: (statement name or path, params), run in this order.
            check: called with every statement's rows before commit; whatever it raises rolls
                the whole transaction back.
        """
        label = "+".join(str(name) for name, _ in steps)
        texts = [(statement(name), params) for name, params in steps]

        @unit_of_work(timeout=self.timeout_s)
        async def work(tx: AsyncManagedTransaction) -> list[list[dict[str, Any]]]:
            answers = []
            for text, params in texts:
                result = await tx.run(text, **params)
                answers.append([record.data() async for record in result])
            if check is not None:
                check(answers)
            if any(changes_catalog(text) for text, _ in texts):
                await (await tx.run(statement(CATALOG_VERSION_BUMP))).consume()
            return answers

        self._count(label)
        try:
            async with self.driver.session(
                database=self.database, default_access_mode=WRITE_ACCESS
            ) as session:
                return await session.execute_write(work)
        except BorderlessError:
            raise
        except Exception as e:  # noqa: BLE001 - translated, re-raised with its cause
            self._fail(label, e)

    async def explain(self, text: str) -> ResultSummary:
        """The plan summary of an unnamed statement (``EXPLAIN``; nothing runs).

        Raises:
            Neo4jError: the server rejects the statement (left to the caller, whose guard names it).
        """
        self._count("explain")
        # The driver silences notifications; a guard needs EXPLAIN's warnings (unknown names).
        async with self.driver.session(
            database=self.database, default_access_mode=READ_ACCESS,
            notifications_min_severity="INFORMATION",
        ) as session:
            result = await session.run(Query("EXPLAIN " + text, timeout=self.timeout_s))
            return await result.consume()

    async def read_unnamed(self, text: str, limit: int) -> list[dict[str, Any]]:
        """At most ``limit`` rows of a guarded, model-written read, run once with the timeout.

        An auto-commit transaction in a read-access session: the server refuses any write, and
        nothing retries it (a statement that exhausted the server's memory must not run again).

        Raises:
            Neo4jError: the server refused or stopped the statement (left to the caller).
        """
        self._count("unnamed")
        return await self._auto_commit(Query(text, timeout=self.timeout_s), {}, limit=limit)
