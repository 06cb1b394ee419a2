"""The sync road to Neo4j: the one driver a process uses, and named statements run with it.

The CLI and the batch jobs create the driver once (``open_driver``) and hand it to whoever needs
it; nothing below this module creates a driver of its own, and nothing outside ``graph/`` opens a
session. The API's async counterpart is :mod:`graph.session`.

Every function takes a statement's name under ``cypher/`` (or a ``Path`` to a ``.cypher`` file,
for tests and benches) and its ``$params``; driver failures become :class:`GraphError` naming the
statement, except a constraint conflict, which is :class:`ConstraintConflict` so that a loader
can find the offending row and keep the rest of its batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from neo4j import Driver, GraphDatabase, ManagedTransaction, unit_of_work
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConstraintError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from borderless.errors import ConfigError, ConstraintConflict, GraphError
from borderless.settings import Settings
from graph.cypher import CATALOG_VERSION_BUMP, changes_catalog, statement

T = TypeVar("T")
Name = str | Path


# The Bolt schemes the Python driver speaks; `http(s)://` is Browser's port, not Bolt.
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_EXAMPLE_URIS = "bolt://localhost:7687, or neo4j+s://<id>.databases.neo4j.io for Aura"


def shown_uri(uri: str) -> str:
    """``uri`` as messages may show it: any user and password in it left out."""
    parts = urlsplit(uri)
    if parts.username is None and parts.password is None:
        return uri
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit(parts._replace(netloc=netloc))


def check_uri(uri: str) -> None:
    """Raise a clear error unless ``uri`` is a Bolt address the driver can connect to.

    Raises:
        ConfigError: no scheme (``localhost:7687``), an HTTP address, or no host.
    """
    scheme, sep, rest = uri.partition("://")
    if sep and scheme.lower() in ("http", "https"):
        raise ConfigError(f"NEO4J_URI {shown_uri(uri)!r} is an HTTP address (Neo4j Browser's "
                          f"port); Borderless talks Bolt: e.g. {_EXAMPLE_URIS}")
    if not sep or scheme.lower() not in BOLT_SCHEMES:
        raise ConfigError(f"NEO4J_URI {shown_uri(uri)!r} does not start with a Bolt scheme "
                          f"({', '.join(s + '://' for s in BOLT_SCHEMES)}); e.g. {_EXAMPLE_URIS}")
    if not rest.split("/", 1)[0].rsplit("@", 1)[-1]:
        raise ConfigError(f"NEO4J_URI {shown_uri(uri)!r} names no host; e.g. {_EXAMPLE_URIS}")


@contextmanager
def open_driver(settings: Settings) -> Iterator[Driver]:
    """A connected synchronous driver for the configured server and database, closed on exit.

    Raises:
        ConfigError: ``NEO4J_URI`` is not a Bolt address.
        GraphError: the server does not answer, refuses the credentials, or has no database
            named ``NEO4J_DATABASE`` (the message lists the ones it has).
    """
    uri = settings.bolt_uri()
    check_uri(uri)
    driver = GraphDatabase.driver(uri, auth=settings.neo4j_auth())
    try:
        try:
            driver.verify_connectivity()
        except AuthError as e:
            raise GraphError(
                f"Neo4j at {shown_uri(uri)} refused the login for user "
                f"{settings.neo4j_user!r}; check NEO4J_USERNAME and NEO4J_PASSWORD"
            ) from e
        except (ServiceUnavailable, SessionExpired, Neo4jError, OSError) as e:
            raise GraphError(
                f"Neo4j at {shown_uri(uri)} is not reachable ({e.__class__.__name__}: {e}); "
                f"is it running? Try `borderless db start`"
            ) from e
        _check_database(driver, settings)
        yield driver
    finally:
        driver.close()


def _check_database(driver: Driver, settings: Settings) -> None:
    """Fail at connect time, naming the alternatives, when the configured database is missing."""
    database = settings.neo4j_database
    try:
        with driver.session(database=database) as session:
            session.run(statement("queries/graph_ping")).consume()
    except ClientError as e:
        if e.code != "Neo.ClientError.Database.DatabaseNotFound":
            raise _failed("queries/graph_ping", e) from e
        try:
            offered = [r["name"] for r in read(driver, "queries/graph_database_names", "system")]
        except GraphError:
            offered = []  # a user without the right to list databases still gets the main hint
        choices = f"; it offers: {', '.join(offered)}" if offered else ""
        raise GraphError(
            f"Neo4j at {shown_uri(settings.bolt_uri())} has no database {database!r} "
            f"(NEO4J_DATABASE){choices}"
        ) from e
    except Neo4jError as e:
        raise _failed("queries/graph_ping", e) from e


def _failed(name: Name, error: Neo4jError) -> GraphError:
    if isinstance(error, ConstraintError):
        return ConstraintConflict(f"{name}: {error.code}: {error.message}")
    return GraphError(f"{name}: {error.code}: {error.message}")


def read(
    driver: Driver, name: Name, database: str, timeout_s: float | None = None, **params: Any
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
        raise _failed(name, e) from e


def write(driver: Driver, name: Name, database: str, **params: Any) -> dict[str, Any]:
    """Run the named statement in a write transaction; return its counters."""
    text = statement(name)
    try:
        with driver.session(database=database) as session:
            summary = session.execute_write(
                lambda tx: _bumped(tx, tx.run(text, **params).consume(), changes_catalog(text)))
    except Neo4jError as e:
        raise _failed(name, e) from e
    return summary.counters.__dict__


def write_returning(driver: Driver, name: Name, database: str, **params: Any) -> list[dict[str, Any]]:
    """Run the named write statement in a write transaction; return the rows it returns."""
    text = statement(name)
    try:
        with driver.session(database=database) as session:
            return session.execute_write(
                lambda tx: _bumped(tx, [r.data() for r in tx.run(text, **params)],
                                   changes_catalog(text)))
    except Neo4jError as e:
        raise _failed(name, e) from e


class NamedTransaction:
    """One open write transaction that runs named statements (see :func:`in_write_transaction`)."""

    def __init__(self, tx: ManagedTransaction) -> None:
        self._tx = tx
        self.changed_catalog = False  # some statement run here may change a catalog read

    def run(self, name: Name, **params: Any) -> list[dict[str, Any]]:
        """Rows of the named statement, inside this transaction."""
        text = statement(name)
        self.changed_catalog = self.changed_catalog or changes_catalog(text)
        return [r.data() for r in self._tx.run(text, **params)]


def in_write_transaction(driver: Driver, database: str, work: Callable[[NamedTransaction], T],
                         what: str) -> T:
    """``work`` in one write transaction: all its statements commit together or none does.

    ``work`` may be retried on a transient failure, so it must only run statements.
    """
    try:
        with driver.session(database=database) as session:
            def named(tx: ManagedTransaction) -> T:
                named_tx = NamedTransaction(tx)
                result = work(named_tx)
                return _bumped(tx, result, named_tx.changed_catalog)

            return session.execute_write(named)
    except Neo4jError as e:
        raise _failed(what, e) from e


def write_batches(
    driver: Driver, name: Name, database: str, rows: Iterable[dict[str, Any]], batch_size: int,
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


def run_auto(driver: Driver, name: Name, database: str, **params: Any) -> dict[str, Any]:
    """Run the named statement in an auto-commit transaction and return its counters.

    Needed for statements that manage their own transactions (``CALL { } IN TRANSACTIONS``).
    """
    text = statement(name)
    try:
        with driver.session(database=database) as session:
            summary = session.run(text, params).consume()
            # Its own transactions have committed by now; the bump follows them.
            if changes_catalog(text):
                session.execute_write(lambda tx: _bumped(tx, None))
    except Neo4jError as e:
        raise _failed(name, e) from e
    return summary.counters.__dict__


def _bumped(tx: ManagedTransaction, result: T, bump: bool = True) -> T:
    """``result``, after raising the catalog version inside ``tx``.

    Every write transaction ends with the bump, so it commits with the write or not at all: a
    reader that sees the new version also sees the write (the API's catalog cache relies on it).
    Last, so the version node's lock is held only for the commit (writers never wait on it while
    holding other locks another writer needs).
    """
    if bump:
        tx.run(statement(CATALOG_VERSION_BUMP)).consume()
    return result
