"""Cypher statements only tests run, kept in ``tests/cypher/`` out of the production folder.

``cypher/`` is what Borderless runs and what catalog managers paste into Neo4j Browser; fixtures'
clean-ups and probes live here and are passed to ``graph.driver`` by path.
"""

from __future__ import annotations

from pathlib import Path

TEST_CYPHER = Path(__file__).parent / "cypher"


def cypher_file(name: str) -> Path:
    """The test-only statement ``tests/cypher/<name>.cypher``."""
    return TEST_CYPHER / f"{name}.cypher"
