"""Reading the graph for search: named statements through the API's counting session.

``Reader`` is the one object grounding and search use to reach Neo4j; it runs
``cypher/queries/*.cypher`` in read transactions with the settings' timeout (``api.db``).
"""

from __future__ import annotations

from typing import Any, Protocol

import neo4j

from api.db import GraphSession
from borderless.settings import Settings


class Reader(Protocol):
    async def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Rows of the named read-only statement."""


def reader_for(driver: neo4j.AsyncDriver, settings: Settings) -> Reader:
    """A reader on the configured database, with the query timeout from the settings."""
    return GraphSession(driver, settings.neo4j_database, settings.query_timeout_s)
