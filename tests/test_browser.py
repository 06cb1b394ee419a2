"""A catalog manager's path: Neo4j Browser in a real headless Chromium, queries from ``cypher/queries/``.

Debian's ``chromium`` is driven by Playwright through its executable path; no browser is ever
downloaded. The background-networking flags matter: without them Chromium keeps calling Google
services, which on a closed network floods the log and slows every page.

Screenshots of the results land in ``test-artifacts/`` (git ignores it), also when a test fails.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from borderless.settings import REPO_ROOT, Settings
from graph.cypher import CYPHER_DIR
from graph.driver import read, run_auto, write
from loaders.catalog import load_catalog

if TYPE_CHECKING:
    from neo4j import Driver
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.browser

ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM = os.environ.get("BORDERLESS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
# Generous: on two shared cores the first Bolt-over-WebSocket handshake can take many seconds.
WAIT_MS = 120_000
# This module's own shop: ids under PREFIX and a fictional country no other test uses.
PREFIX = "browsert-"
COUNTRY = "QZ"


@pytest.fixture(scope="module")
def page(settings: Settings, driver: Driver) -> Iterator[Page]:
    """A fresh Chromium page (no stored credentials) connected to the project server's Browser."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (scripts/install-chromium.sh)")
    if settings.external_neo4j:
        pytest.skip("NEO4J_URI points at an external server; its Browser URL is not known here")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]'")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            tab = browser.new_page(viewport={"width": 1400, "height": 900})
            tab.set_default_timeout(WAIT_MS)
            tab.goto(f"http://127.0.0.1:{settings.http_port}/browser/")
            try:
                _connect(tab, settings)
            except Exception:
                tab.screenshot(path=str(ARTIFACTS / "browser_connect_failed.png"))
                raise
            yield tab
        finally:
            browser.close()


def _connect(page: Page, settings: Settings) -> None:
    """Fill Browser's connect form as a person would and wait for the greeting."""
    uri = urlsplit(settings.bolt_uri())
    user, password = settings.neo4j_auth()
    page.get_by_test_id("bolt-scheme-select").select_option(f"{uri.scheme}://")
    page.get_by_test_id("boltaddress").fill(uri.netloc)
    page.get_by_test_id("username").fill(user)
    page.get_by_test_id("password").fill(password)
    page.get_by_test_id("connect").click()
    page.get_by_text(f"You are connected as user {user}").wait_for()


def _run(page: Page, command: str, done_text: str) -> Locator:
    """Paste ``command`` into the editor, run it, and return its new frame once it shows ``done_text``."""
    from playwright.sync_api import expect

    frames = page.get_by_test_id("frame")
    before = frames.count()
    page.get_by_test_id("activeEditor").click()
    # insert_text keeps the file's line breaks (the top line is a // comment) and skips the
    # editor's auto-closing of brackets that typing key by key would trigger.
    page.keyboard.insert_text(command)
    page.get_by_test_id("editor-Run").click()
    expect(frames).to_have_count(before + 1)
    frame = frames.first  # Browser puts the newest frame on top
    expect(frame).to_contain_text(done_text)
    return frame


def _table(frame: Locator) -> tuple[list[str], list[list[str]]]:
    """The header and the body cells of a result frame's Table view, as shown."""
    header = [h.strip() for h in frame.locator("th[role=columnheader]").all_inner_texts()]
    rows = [
        [c.strip() for c in row.locator("td[role=cell]").all_inner_texts()]
        for row in frame.locator("tbody tr[role=row]").all()
    ]
    return [h for h in header if h], rows


def _query(name: str) -> str:
    return (CYPHER_DIR / "queries" / f"{name}.cypher").read_text(encoding="utf-8")


def test_catalog_manager_counts_nodes_in_browser(page: Page, settings: Settings, driver: Driver) -> None:
    expected = read(driver, "queries/count_nodes_by_label", settings.neo4j_database)
    assert expected, "the schema fixture writes SchemaMigration nodes, so there is something to count"
    try:
        header, rows = _table(_run(page, _query("count_nodes_by_label"), "Started streaming"))
    finally:
        page.screenshot(path=str(ARTIFACTS / "browser_count_nodes_by_label.png"))
    assert header == ["label", "count"]
    # Browser shows strings JSON-quoted and integers bare.
    assert rows == [[f'"{r["label"]}"', str(r["count"])] for r in expected]


def _jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def tiny_shop(driver: Driver, settings: Settings, tmp_path: Path) -> Iterator[None]:
    """Three products shipping to country QZ, one of them restricted there; removed afterwards."""
    db = settings.neo4j_database

    def clean() -> None:
        run_auto(driver, "writes/delete_id_prefix", db, prefix=PREFIX)
        write(driver, "writes/api_test_cleanup", db, countries=[COUNTRY], currencies=[])

    clean()
    _jsonl(tmp_path / "countries.jsonl",
           [{"code": COUNTRY, "name": "Browserland", "currency": "EUR", "languages": ["en"]}])
    _jsonl(tmp_path / "brands.jsonl", [{"id": f"{PREFIX}brand", "name": "Browser Brand"}])
    _jsonl(tmp_path / "categories.jsonl", [{"id": f"{PREFIX}cat", "names": {"en": "Tests"}}])
    _jsonl(tmp_path / "products.jsonl", [
        {"id": f"{PREFIX}p{i}", "brand_id": f"{PREFIX}brand", "category_id": f"{PREFIX}cat",
         "price": 10.0 * i, "currency": "EUR", "titles": {"en": f"Browser product {i}"}}
        for i in (1, 2, 3)])
    _jsonl(tmp_path / "shipping.jsonl", [
        {"product_id": f"{PREFIX}p{i}", "country": COUNTRY, "days": i, "cost": 2.5} for i in (1, 2, 3)])
    _jsonl(tmp_path / "restrictions.jsonl",
           [{"product_id": f"{PREFIX}p2", "country": COUNTRY, "reason": "not sold here"}])
    report = load_catalog(driver, settings, tmp_path, quarantine=tmp_path / "q.jsonl", progress=False)
    assert report.exit_code() == 0, report.to_json()
    yield
    clean()


def test_catalog_manager_sees_what_ships_to_a_country(page: Page, tiny_shop: None) -> None:
    try:
        # What a catalog manager pastes: the parameters as the query's top comment writes them,
        # then the query. The `=>` form has the server evaluate the value, so 25 stays an
        # integer; `:params {limit: 25}` would send a JavaScript number (25.0), which LIMIT refuses.
        _run(page, f":param country => '{COUNTRY}'", COUNTRY)
        _run(page, ":param limit => 25", "25")
        header, rows = _table(_run(page, _query("ships_to_country"), "Started streaming"))
    finally:
        page.screenshot(path=str(ARTIFACTS / "browser_ships_to_country.png"))
    assert header[:3] == ["product_id", "title", "days"]
    # Fastest first; the product restricted in the country is left out.
    assert [r[:3] for r in rows] == [
        [f'"{PREFIX}p1"', '"Browser product 1"', "1"],
        [f'"{PREFIX}p3"', '"Browser product 3"', "3"],
    ]
