"""Reading the graph for search: named statements through a counting ``graph.session``.

``Reader`` is what grounding and search need of a session; the API hands them the request's
own :class:`graph.session.GraphSession`, so their round trips count with the request's.
"""

from __future__ import annotations

from typing import Any, Protocol

import neo4j

from api.db import api_session
from borderless.settings import Settings


class Reader(Protocol):
    async def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Rows of the named read-only statement."""


def reader_for(driver: neo4j.AsyncDriver, settings: Settings) -> Reader:
    """A session of its own on the configured database (benches and scripts; the API passes its own)."""
    return api_session(driver, settings)
