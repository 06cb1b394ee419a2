"""A catalog manager's path: Neo4j Browser in a real headless Chromium, queries from ``cypher/manager/``.

On connect Browser applies the Borderless style and opens the catalog managers' guide (the
server's ``browser.post_connect_cmd``); every manager query is pasted as its file shows it, its
``:param`` lines included, and must run without error and return rows.

Debian's ``chromium`` is driven by Playwright through its executable path; no browser is ever
downloaded. The background-networking flags matter: without them Chromium keeps calling Google
services, which on a closed network floods the log and slows every page.

Screenshots of the results land in ``test-artifacts/`` (git ignores it), also when a test fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from borderless.settings import REPO_ROOT, Settings
from graph.browser import ManagerQuery, manager_queries
from graph.driver import read, run_auto, write
from loaders.catalog import load_catalog
from statements import cypher_file

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
# Browser's default maxFrames setting.
MAX_FRAMES = 15
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
    if frames.count() >= MAX_FRAMES - 1:
        # Browser keeps at most MAX_FRAMES frames and drops the oldest, so counting would stall.
        page.get_by_test_id("activeEditor").click()
        page.keyboard.insert_text(":clear")
        page.get_by_test_id("editor-Run").click()
        expect(frames).to_have_count(0)
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


def _query(name: str) -> ManagerQuery:
    (query,) = [q for q in manager_queries() if q.name == f"manager/{name}"]
    return query


def _file_text(query: ManagerQuery) -> str:
    from borderless.settings import REPO_ROOT

    return (REPO_ROOT / "cypher" / f"{query.name}.cypher").read_text(encoding="utf-8")


def test_connecting_applies_the_style_and_opens_the_managers_guide(page: Page, settings: Settings) -> None:
    from playwright.sync_api import expect

    # Both come from browser.post_connect_cmd, so they are among the frames the connect opened.
    frames = page.get_by_test_id("frame")
    guide = frames.filter(has_text=f"play http://127.0.0.1:{settings.http_port}/browser/borderless/guide.html")
    expect(guide).to_contain_text("Borderless for catalog managers")
    for query in manager_queries():
        expect(guide).to_contain_text(query.summary)
    style = frames.filter(has_text="/browser/borderless/style.grass")
    expect(style).to_contain_text('caption: "{title_en}"')


def test_catalog_manager_counts_nodes_in_browser(page: Page, settings: Settings, driver: Driver) -> None:
    expected = read(driver, "manager/count_nodes_by_label", settings.neo4j_database)
    assert expected, "the schema fixture writes SchemaMigration nodes, so there is something to count"
    try:
        header, rows = _table(_run(page, _file_text(_query("count_nodes_by_label")), "Started streaming"))
    finally:
        page.screenshot(path=str(ARTIFACTS / "browser_count_nodes_by_label.png"))
    assert header == ["label", "count"]
    # Browser shows strings JSON-quoted and integers bare.
    assert rows == [[f'"{r["label"]}"', str(r["count"])] for r in expected]


def _jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def tiny_shop(driver: Driver, settings: Settings, tmp_path: Path) -> Iterator[None]:
    """Three products shipping to country QZ, one restricted there, two shoppers; removed afterwards."""
    db = settings.neo4j_database

    def clean() -> None:
        run_auto(driver, cypher_file("delete_id_prefix"), db, prefix=PREFIX)
        write(driver, cypher_file("api_test_cleanup"), db, countries=[COUNTRY], currencies=[])

    clean()
    _jsonl(tmp_path / "countries.jsonl",
           [{"code": COUNTRY, "name": "Browserland", "currency": "EUR", "languages": ["en"]}])
    _jsonl(tmp_path / "brands.jsonl", [{"id": f"{PREFIX}brand", "name": "Browser Brand"}])
    _jsonl(tmp_path / "categories.jsonl", [{"id": f"{PREFIX}cat", "names": {"en": "Tests"}}])
    _jsonl(tmp_path / "products.jsonl", [
        {"id": f"{PREFIX}p{i}", "brand_id": f"{PREFIX}brand", "category_id": f"{PREFIX}cat",
         "price": 10.0 * i, "currency": "EUR", "titles": {"en": f"Browser product {i}"},
         "colour": "red"}
        for i in (1, 2, 3)])
    # One picture listed under p1 and p3 (a duplicate listing), another under p2.
    from loaders.demo_images import render_product

    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "same.png").write_bytes(render_product("bag", "red", "one"))
    (tmp_path / "pics" / "other.png").write_bytes(render_product("shoe", "red", "two"))
    _jsonl(tmp_path / "images.jsonl", [
        {"product_id": f"{PREFIX}p{i}", "path": f"pics/{'other' if i == 2 else 'same'}.png"}
        for i in (1, 2, 3)])
    _jsonl(tmp_path / "shipping.jsonl", [
        {"product_id": f"{PREFIX}p{i}", "country": COUNTRY, "days": i, "cost": 2.5} for i in (1, 2, 3)])
    _jsonl(tmp_path / "restrictions.jsonl",
           [{"product_id": f"{PREFIX}p2", "country": COUNTRY, "reason": "not sold here"}])
    _jsonl(tmp_path / "shoppers.jsonl", [
        {"id": f"{PREFIX}s{i}", "country": COUNTRY, "language": "en", "currency": "EUR"} for i in (1, 2)])
    at = "2026-11-01T10:00:00Z"
    _jsonl(tmp_path / "interactions.jsonl", [
        {"shopper_id": f"{PREFIX}s1", "product_id": f"{PREFIX}p1", "kind": "purchase", "at": at},
        {"shopper_id": f"{PREFIX}s2", "product_id": f"{PREFIX}p1", "kind": "view", "at": at}])
    _jsonl(tmp_path / "reviews.jsonl", [
        {"id": f"{PREFIX}r1", "shopper_id": f"{PREFIX}s1", "product_id": f"{PREFIX}p1", "rating": 5,
         "text": "Great", "lang": "en", "at": at}])
    report = load_catalog(driver, settings, tmp_path, quarantine=tmp_path / "q.jsonl", progress=False)
    assert report.exit_code() == 0, report.to_json()
    # Vectors tagged with this shop's own active model version, for the recommendation queries.
    vector = [1.0] + [0.0] * (settings.embedding_dim - 1)
    write(driver, cypher_file("api_test_embeddings"), db, version=f"{PREFIX}mv",
          rows=[{"id": f"{PREFIX}{n}", "vector": vector} for n in ("s1", "p1", "p3")])
    write(driver, cypher_file("api_test_model_version"), db, id=f"{PREFIX}mv", shop=PREFIX)
    # Picture vectors (any fixed ones do) for "the same look in another colour".
    from vision.encoder import MODEL_ID

    look = [[1.0 if j == i else 0.5 for j in range(1280)] for i in range(3)]
    write(driver, cypher_file("api_test_looks"), db, model=MODEL_ID,
          rows=[{"id": f"{PREFIX}p{i + 1}", "vector": look[i]} for i in range(3)])
    # A machine wording awaiting review, for the enrichment review query (its id has the prefix).
    write(driver, cypher_file("browser_test_wording"), db, category=f"{PREFIX}cat", lang="de",
          wording="Tests", words=["Probe", "Versuch"])
    yield
    clean()


# The values of the shop above, for each parameter the manager queries take.
TINY_SHOP_PARAMS = {
    "category_id": f"'{PREFIX}cat'", "min_reviews": "1", "limit": "25", "country": f"'{COUNTRY}'",
    "shopper_id": f"'{PREFIX}s1'", "product_id": f"'{PREFIX}p1'", "k": "10",
    "prefix": f"'{PREFIX}'", "colour": "'red'", "lang": "'de'",
}


def _statuses(frame: Locator, count: int) -> list[str]:
    """Each statement's status in a multi-statement frame, once all ``count`` have finished."""
    from playwright.sync_api import expect

    icons = frame.get_by_test_id("multi-statement-list-icon")
    expect(icons).to_have_count(count)
    for i in range(count):
        expect(icons.nth(i)).to_have_attribute("title", re.compile(r"Status: (success|error|skipped)"))
    return [icons.nth(i).get_attribute("title") or "" for i in range(count)]


@pytest.mark.parametrize("query", manager_queries(), ids=lambda q: q.name)
def test_catalog_manager_pastes_each_query_with_its_params(page: Page, tiny_shop: None, query: ManagerQuery) -> None:
    name = query.name.split("/", 1)[1]
    try:
        # First exactly as the file writes it (the :param lines uncommented): everything runs.
        if query.params:
            frame = _run(page, query.browser_text(), query.params[0].removesuffix(";"))
            statuses = _statuses(frame, len(query.params) + 1)
            assert statuses == ["Status: success"] * len(statuses), (query.name, statuses)
        # Then with the same lines set to this module's shop: the query returns rows.
        ours = [f":param {name} => {TINY_SHOP_PARAMS[name]};" for name in map(_param_name, query.params)]
        if ours:
            frame = _run(page, "\n".join([*ours, query.cypher]), ours[0].removesuffix(";"))
            assert _statuses(frame, len(ours) + 1) == ["Status: success"] * (len(ours) + 1)
        header, rows = _table(_run(page, query.cypher, "Started streaming"))
    finally:
        page.screenshot(path=str(ARTIFACTS / f"browser_{name}.png"))
    assert header and rows, f"{query.name} returned no rows on the test shop"


def _param_name(line: str) -> str:
    match = re.match(r":param (\w+) =>", line)
    assert match, line
    return match.group(1)


def test_ships_to_country_leaves_out_what_is_restricted_there(page: Page, tiny_shop: None) -> None:
    # The `=>` form has the server evaluate the value, so 25 stays an integer; `:params {limit: 25}`
    # would send a JavaScript number (25.0), which LIMIT refuses.
    _run(page, f":param country => '{COUNTRY}';\n:param limit => 25;", "limit")
    query = _query("ships_to_country")
    try:
        header, rows = _table(_run(page, query.cypher, "Started streaming"))
    finally:
        page.screenshot(path=str(ARTIFACTS / "browser_ships_to_country.png"))
    assert header[:3] == ["product_id", "title", "days"]
    # Fastest first; the product restricted in the country is left out.
    assert [r[:3] for r in rows] == [
        [f'"{PREFIX}p1"', '"Browser product 1"', "1"],
        [f'"{PREFIX}p3"', '"Browser product 3"', "3"],
    ]


def test_the_style_captions_a_product_by_its_title(page: Page, tiny_shop: None) -> None:
    from playwright.sync_api import expect

    frame = _run(page, f"MATCH (p:Product {{id: '{PREFIX}p1'}}) RETURN p", "p")
    try:
        # The graph view draws each node's caption as SVG text, one element per wrapped line;
        # unstyled, a product shows whichever property Browser picks.
        expect(frame.locator("svg text").first).to_be_visible()
        caption = " ".join(t.strip() for t in frame.locator("svg text").all_text_contents() if t.strip())
        assert caption == "Browser product 1"
    finally:
        page.screenshot(path=str(ARTIFACTS / "browser_style_caption.png"))
