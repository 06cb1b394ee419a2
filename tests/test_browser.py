"""A catalog manager's path: Neo4j Browser in a real headless Chromium, a query from ``cypher/queries/``.

Debian's ``chromium`` is driven by Playwright through its executable path; no browser is ever
downloaded. The background-networking flags matter: without them Chromium keeps calling Google
services, which on a closed network floods the log and slows every page.

A screenshot of the result lands in ``test-artifacts/`` (git ignores it), also when the test fails.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from borderless.settings import REPO_ROOT, Settings
from graph.cypher import CYPHER_DIR
from graph.driver import read

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


@pytest.fixture(scope="module")
def page(settings: Settings, driver: Driver) -> Iterator[Page]:
    """A fresh Chromium page (no stored credentials) on the project server's Neo4j Browser."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (scripts/install-chromium.sh)")
    if settings.external_neo4j:
        pytest.skip("NEO4J_URI points at an external server; its Browser URL is not known here")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]'")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            tab = browser.new_page(viewport={"width": 1400, "height": 900})
            tab.set_default_timeout(WAIT_MS)
            tab.goto(f"http://127.0.0.1:{settings.http_port}/browser/")
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


def _run(page: Page, query: str) -> Locator:
    """Paste ``query`` into the editor, run it, and return its finished result frame."""
    page.get_by_test_id("activeEditor").click()
    # insert_text keeps the file's line breaks (the top line is a // comment) and skips the
    # editor's auto-closing of brackets that typing key by key would trigger.
    page.keyboard.insert_text(query)
    page.get_by_test_id("editor-Run").click()
    frame = page.get_by_test_id("frame").filter(has_text="Started streaming").first
    frame.wait_for()
    return frame


def _table(frame: Locator) -> tuple[list[str], list[list[str]]]:
    """The header and the body cells of a result frame's Table view, as shown."""
    header = [h.strip() for h in frame.locator("th[role=columnheader]").all_inner_texts()]
    rows = [
        [c.strip() for c in row.locator("td[role=cell]").all_inner_texts()]
        for row in frame.locator("tbody tr[role=row]").all()
    ]
    return [h for h in header if h], rows


def test_catalog_manager_counts_nodes_in_browser(page: Page, settings: Settings, driver: Driver) -> None:
    name = "queries/count_nodes_by_label"
    expected = read(driver, name, settings.neo4j_database)
    assert expected, "the schema fixture writes SchemaMigration nodes, so there is something to count"
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "browser_count_nodes_by_label.png"
    try:
        _connect(page, settings)
        frame = _run(page, (CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8"))
        header, rows = _table(frame)
    finally:
        page.screenshot(path=str(shot))
    assert header == ["label", "count"]
    # Browser shows strings JSON-quoted and integers bare.
    assert rows == [[f'"{r["label"]}"', str(r["count"])] for r in expected]
    assert shot.stat().st_size > 10_000
