"""Applying the versioned schema in ``cypher/schema/`` (``borderless db schema``).

Files run in name order; every statement is ``IF NOT EXISTS``, so applying twice changes nothing.
Each applied file is recorded as a ``SchemaMigration`` node with its sha256, so a catalog manager
can see in Browser which schema version a database carries.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from neo4j import Driver
from neo4j.exceptions import Neo4jError

from borderless.errors import GraphError
from borderless.settings import Settings
from graph.cypher import CYPHER_DIR, statements_in
from graph.driver import write


@dataclass
class SchemaReport:
    """What one application of the schema did."""

    files: list[str] = field(default_factory=list)
    statements: int = 0
    constraints_added: int = 0
    indexes_added: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.constraints_added or self.indexes_added)


def apply_schema(driver: Driver, settings: Settings) -> SchemaReport:
    """Apply every file in ``cypher/schema/`` in order, waiting for indexes to come online.

    Raises:
        GraphError: a statement failed; the message names the file and the statement.
    """
    params = {
        "embedding_dim": settings.embedding_dim,
        "text_embedding_dim": settings.text_embedding_dim,
    }
    report = SchemaReport()
    for path in sorted((CYPHER_DIR / "schema").glob("*.cypher")):
        report.files.append(path.name)
        with driver.session(database=settings.neo4j_database) as session:
            for text in statements_in(path):
                try:
                    counters = session.run(text, params).consume().counters
                except Neo4jError as e:
                    raise GraphError(f"{path.name}: {e.message}\n  in: {text[:200]}") from e
                report.statements += 1
                report.constraints_added += counters.constraints_added
                report.indexes_added += counters.indexes_added
            session.run("CALL db.awaitIndexes(300)").consume()
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        write(driver, "writes/record_migration", settings.neo4j_database, file=path.name, sha256=sha)
    return report
