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
COUNTRIES = ["QM", "QN", "QO"]
# The world's own currencies (no real currency's code): loading USD or JPY rates here once set
# the shared rates of whatever database the tests ran in, so other tests' prices changed.
CURRENCIES = ["QND", "QOY"]


def wipe_service(driver: Driver, settings: Settings) -> None:
    """Remove every node of the service world, its countries, their return policies and its
    currencies."""
    db = settings.neo4j_database
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix=PREFIX)
    run_auto(driver, cypher_file("assistant_test_cleanup"), db, codes=COUNTRIES)
    run_auto(driver, cypher_file("assistant_conversation_cleanup"), db, prefix=PREFIX)
    run_auto(driver, cypher_file("assistant_test_currencies_cleanup"), db, codes=CURRENCIES)


@pytest.fixture
def clean_service(driver: Driver, settings: Settings) -> Iterator[None]:
    wipe_service(driver, settings)
    yield
    wipe_service(driver, settings)


@pytest.fixture(scope="module")
def service_world(driver: Driver, settings: Settings,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The service world, loaded once per test module and removed afterwards."""
    wipe_service(driver, settings)
    quarantine = tmp_path_factory.mktemp("service") / "q.jsonl"
    report = load_catalog(driver, settings, SERVICE, quarantine, progress=False)
    assert report.quarantined == 0, quarantine.read_text()
    yield
    wipe_service(driver, settings)
