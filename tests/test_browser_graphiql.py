"""A storefront developer's first look: GraphiQL in a real headless Chromium, with no network.

Every request to anything but this machine is aborted and recorded, and the test asserts none
was attempted: GraphiQL must load and run queries from this installation alone. The developer
then pastes the header line ``borderless token`` prints and reads their own history, as the
README's "after ``make run``" section says.

Screenshots land in ``test-artifacts/`` (git ignores it), also when a test fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
import uvicorn
from api_support import api_shop  # noqa: F401

from api.app import create_app
from api.graphiql_assets import assets_ready, fetch
from api.settings import ApiSettings
from borderless.settings import REPO_ROOT, Settings

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM = os.environ.get("BORDERLESS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
WAIT_MS = 120_000
LOCAL_HOSTS = ("127.0.0.1",)


@pytest.fixture(scope="module")
def api_url(api_shop: Path, settings: Settings) -> Iterator[str]:
    """The app as ``make run`` serves it (development mode), on a real loopback port."""
    directory = ApiSettings().graphiql_dir
    if not assets_ready(directory):
        if shutil.which("npm") is None:
            pytest.skip("GraphiQL's assets are not fetched and npm is not installed")
        fetch(directory)
    config = uvicorn.Config(create_app(settings, ApiSettings(dev=True)), host="127.0.0.1",
                            port=0, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            pytest.fail("the API server did not start")
        thread.join(0.1)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(30)


@pytest.fixture(scope="module")
def offline_page(api_url: str) -> Iterator[tuple[Page, list[str]]]:
    """A fresh Chromium page where every non-loopback request is aborted and recorded."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (scripts/install-chromium.sh)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]'")
    ARTIFACTS.mkdir(exist_ok=True)
    outside: list[str] = []

    def guard(route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("internetdisconnected")

    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            context.route("**/*", guard)
            tab = context.new_page()
            tab.set_default_timeout(WAIT_MS)
            tab.goto(f"{api_url}/graphql")
            yield tab, outside
        finally:
            browser.close()


def _editor(page: Page, selector: str, text: str) -> None:
    """Replace the text of the CodeMirror editor under ``selector`` (as a paste would)."""
    page.locator(f"{selector} .CodeMirror").first.wait_for()
    page.evaluate(
        "([sel, text]) => document.querySelector(sel + ' .CodeMirror').CodeMirror.setValue(text)",
        [selector, text])


def _run(page: Page, query: str, expected: str) -> str:
    # Anonymous queries only: GraphiQL learns an operation's name from the editor a moment after
    # a change, so a named one could be sent with the previous query's name.
    assert query.lstrip().startswith("{")
    _editor(page, ".graphiql-query-editor", query)
    page.locator(".graphiql-execute-button").click()
    result = page.locator(".result-window")
    from playwright.sync_api import expect

    expect(result).to_contain_text(expected)
    return result.inner_text()


def test_graphiql_runs_a_query_with_the_internet_out_of_reach(offline_page):
    page, outside = offline_page
    try:
        page.locator(".graphiql-container").wait_for()
        text = _run(page, '{ product(id: "apit-p-01") { id title brand { name } } }',
                    "Test product 1")
        assert '"name": "Acme"' in text
        # The schema came from this server too: the docs explorer knows our types.
        page.locator("button[aria-label='Show Documentation Explorer']").click()
        page.get_by_text("Query", exact=True).first.wait_for()
    finally:
        page.screenshot(path=str(ARTIFACTS / "graphiql_offline_query.png"))
    assert outside == [], f"GraphiQL reached outside this machine: {outside}"


def test_a_pasted_shopper_token_opens_their_history(offline_page):
    page, outside = offline_page
    done = subprocess.run([sys.executable, "-m", "borderless.cli", "token", "--shopper", "apit-s-1"],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=True)
    header_line = done.stdout.strip()
    assert json.loads(header_line)["Authorization"].startswith("Bearer ")
    try:
        page.get_by_role("button", name="Headers").click()
        _editor(page, ".graphiql-editor-tool .graphiql-editor:not(.hidden)", header_line)
        text = _run(page, '{ user(id: "apit-s-1") { id history(first: 3) { kind } } }',
                    '"id": "apit-s-1"')
    finally:
        page.screenshot(path=str(ARTIFACTS / "graphiql_shopper_history.png"))
    assert '"kind": "CART"' in text
    assert outside == [], f"GraphiQL reached outside this machine: {outside}"
