"""The assistant tests' small world (``tests/data/service``): loading it and removing it again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from borderless.settings import Settings
from graph.driver import run_auto
from loaders.catalog import load_catalog
from statements import cypher_file

SERVICE = Path(__file__).parent / "data" / "service"
PREFIX = "ta-"
COUNTRIES = ["XA", "XB", "XC"]


def wipe_service(driver: Driver, settings: Settings) -> None:
    """Remove every node of the service world, its countries and their return policies."""
    db = settings.neo4j_database
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix=PREFIX)
    run_auto(driver, cypher_file("assistant_test_cleanup"), db, codes=COUNTRIES)


@pytest.fixture
def clean_service(driver: Driver, settings: Settings) -> Iterator[None]:
    wipe_service(driver, settings)
    yield
    wipe_service(driver, settings)


@pytest.fixture
def service_world(driver: Driver, settings: Settings, clean_service: None,
                  tmp_path: Path) -> Iterator[None]:
    report = load_catalog(driver, settings, SERVICE, tmp_path / "q.jsonl", progress=False)
    assert report.quarantined == 0, report.quarantine_file and report.quarantine_file.read_text()
    yield
