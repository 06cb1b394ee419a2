"""Shared fixtures: one real Neo4j for the whole test session, and one driver to it.

The server is the project's own (``borderless db start``) unless ``NEO4J_URI`` points elsewhere.
A session that had to start it stops it at the end. Tests either work in their own id space
(ids prefixed with the test's name) and clean up, or only read the shared demo shop.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver

from borderless.settings import Settings, get_settings
from graph.driver import open_driver
from graph.schema import apply_schema
from graph.server import Neo4jServer


@pytest.fixture(scope="session")
def settings() -> Settings:
    return get_settings()


@pytest.fixture(scope="session")
def neo4j_server(settings: Settings) -> Iterator[Neo4jServer | None]:
    if settings.external_neo4j:
        yield None
        return
    server = Neo4jServer(settings)
    started = server.start()
    yield server
    if started:
        server.stop()


@pytest.fixture(scope="session")
def driver(settings: Settings, neo4j_server: Neo4jServer | None) -> Iterator[Driver]:
    with open_driver(settings) as drv:
        apply_schema(drv, settings)
        yield drv
