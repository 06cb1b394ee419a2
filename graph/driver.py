"""Creating the one Neo4j driver a process uses, and running named statements with it.

The CLI and the API create the driver once (``open_driver``) and hand it to whoever needs it;
nothing below this module creates a driver of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from neo4j import Driver, GraphDatabase, ManagedTransaction, unit_of_work
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from borderless.errors import GraphError
from borderless.settings import Settings
from graph.cypher import statement


@contextmanager
def open_driver(settings: Settings) -> Iterator[Driver]:
    """A connected synchronous driver for the configured server, closed on exit.

    Raises:
        GraphError: the server does not answer or refuses the credentials.
    """
    driver = GraphDatabase.driver(settings.bolt_uri(), auth=settings.neo4j_auth())
    try:
        try:
            driver.verify_connectivity()
        except (ServiceUnavailable, SessionExpired, Neo4jError, OSError) as e:
            raise GraphError(
                f"Neo4j at {settings.bolt_uri()} is not reachable ({e.__class__.__name__}: {e}); "
                f"is it running? Try `borderless db start`"
            ) from e
        yield driver
    finally:
        driver.close()


def read(
    driver: Driver, name: str, database: str, timeout_s: float | None = None, **params: Any
) -> list[dict[str, Any]]:
    """Run the named read-only statement in a read transaction; return its rows as dicts."""
    text = statement(name)

    @unit_of_work(timeout=timeout_s)
    def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
        return [record.data() for record in tx.run(text, **params)]

    try:
        with driver.session(database=database, default_access_mode="READ") as session:
            return session.execute_read(work)
    except Neo4jError as e:
        raise GraphError(f"{name}: {e.code}: {e.message}") from e


def write(driver: Driver, name: str, database: str, **params: Any) -> dict[str, Any]:
    """Run the named statement in a write transaction; return its counters."""
    text = statement(name)
    try:
        with driver.session(database=database) as session:
            summary = session.execute_write(lambda tx: tx.run(text, **params).consume())
    except Neo4jError as e:
        raise GraphError(f"{name}: {e.code}: {e.message}") from e
    return summary.counters.__dict__


def write_batches(
    driver: Driver, name: str, database: str, rows: Iterable[dict[str, Any]], batch_size: int,
    **params: Any,
) -> Iterator[int]:
    """Write ``rows`` through the named ``UNWIND $rows`` statement, one transaction per batch.

    Yields the number of rows written after each batch, so callers can drive a progress bar.
    """
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= batch_size:
            write(driver, name, database, rows=batch, **params)
            yield len(batch)
            batch = []
    if batch:
        write(driver, name, database, rows=batch, **params)
        yield len(batch)


def run_auto(driver: Driver, name: str, database: str, **params: Any) -> dict[str, Any]:
    """Run the named statement in an auto-commit transaction and return its counters.

    Needed for statements that manage their own transactions (``CALL { } IN TRANSACTIONS``).
    """
    text = statement(name)
    try:
        with driver.session(database=database) as session:
            summary = session.run(text, **params).consume()  # type: ignore[arg-type]
    except Neo4jError as e:
        raise GraphError(f"{name}: {e.code}: {e.message}") from e
    return summary.counters.__dict__
