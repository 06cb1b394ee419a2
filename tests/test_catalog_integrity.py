"""The catalog loader keeps every good row of real-world files, against the real Neo4j.

Each test works in the ``ti-`` id space: a byte that is not UTF-8, a byte-order mark, a uniqueness
conflict inside a batch, the same key twice, a review whose author changes, category cycles, a
misnamed file; and, over all of these at once, the summary agrees with the quarantine file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from borderless.errors import LoadError
from borderless.settings import REPO_ROOT, Settings
from graph.driver import read, run_auto
from loaders.catalog import load_catalog
from statements import cypher_file

PREFIX = "ti-"
HERE = Path(__file__).parent
WROTE_AND_REVIEWS = cypher_file("catalog_review_links")
CATEGORY_PARENTS = cypher_file("catalog_category_parents_of")


@pytest.fixture
def clean(driver: Driver, settings: Settings):
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)
    yield
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)


@pytest.fixture
def small_batches(settings: Settings) -> Settings:
    """Batches of 4 rows, so that one load writes several and a conflict shares its batch."""
    return settings.model_copy(update={"batch_size": 4})


def jsonl(*rows: dict[str, Any]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def shop(folder: Path, **files: str | bytes) -> Path:
    """A small valid catalog in ``folder``; ``files`` replace or add entity files."""
    folder.mkdir(parents=True, exist_ok=True)
    base: dict[str, str | bytes] = {
        "countries.jsonl": jsonl({"code": "DE", "name": "Germany", "currency": "EUR"}),
        "brands.csv": "id,name\nti-b-1,Acme\n",
        "categories.jsonl": jsonl({"id": "ti-c-1", "names": {"en": "Root"}}),
        "products.jsonl": jsonl(*({"id": f"ti-p-{i}", "brand_id": "ti-b-1", "category_id": "ti-c-1",
                                   "price": i, "currency": "EUR", "titles": {"en": f"P{i}"}}
                                  for i in range(1, 4))),
        "shoppers.csv": "id,country,language,currency\n" + "".join(
            f"ti-s-{i},DE,de,EUR\n" for i in range(1, 4)),
    }
    for name, content in {**base, **files}.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def ids_in_graph(driver: Driver, settings: Settings) -> set[str]:
    rows = read(driver, cypher_file("subgraph_snapshot"), settings.neo4j_database, prefix=PREFIX)
    return {row["props"]["id"] for row in rows}


def quarantine_entries(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def interaction(i: int, shopper: int, product: int) -> dict[str, Any]:
    return {"id": f"ti-i-{i}", "shopper_id": f"ti-s-{shopper}", "product_id": f"ti-p-{product}",
            "kind": "view", "at": f"2026-11-01T10:{i:02d}:00Z"}


def test_a_line_not_utf8_costs_that_line_and_later_entities_load(driver, settings, clean, tmp_path):
    products = (jsonl({"id": "ti-p-1", "brand_id": "ti-b-1", "category_id": "ti-c-1", "price": 1,
                       "currency": "EUR", "titles": {"en": "One"}}).encode()
                + b'{"id": "ti-p-2", "brand_id": "ti-b-1", "category_id": "ti-c-1", "price": 2, '
                  b'"currency": "EUR", "titles": {"en": "Caf\xe9"}}\n'
                + jsonl({"id": "ti-p-3", "brand_id": "ti-b-1", "category_id": "ti-c-1", "price": 3,
                         "currency": "EUR", "titles": {"en": "Three"}}).encode())
    shoppers = b"id,country,language,currency\nti-s-1,DE,de,EUR\nti-s-\xff2,DE,de,EUR\nti-s-3,DE,de,EUR\n"
    folder = shop(tmp_path / "shop", **{"products.jsonl": products, "shoppers.csv": shoppers})
    qfile = tmp_path / "q.jsonl"
    report = load_catalog(driver, settings, folder, qfile, progress=False)
    assert ids_in_graph(driver, settings) >= {"ti-p-1", "ti-p-3", "ti-s-1", "ti-s-3"}
    assert not ids_in_graph(driver, settings) & {"ti-p-2", "ti-s-2"}
    entries = quarantine_entries(qfile)
    assert [(e["file"], e["line"]) for e in entries] == [("products.jsonl", 2), ("shoppers.csv", 3)]
    assert all("not UTF-8" in e["reason"] and "byte offset" in e["reason"] for e in entries)
    assert report.quarantined == 2


def test_files_with_a_byte_order_mark_load_whole(driver, settings, clean, tmp_path):
    folder = shop(tmp_path / "shop")
    for path in folder.iterdir():
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    report = load_catalog(driver, settings, folder, tmp_path / "q.jsonl", progress=False)
    assert report.quarantined == 0
    assert {k: v.loaded for k, v in report.entities.items()} == {
        "countries": 1, "brands": 1, "categories": 1, "products": 3, "shoppers": 3}


def test_a_constraint_conflict_costs_only_its_row(driver, small_batches, clean, tmp_path):
    settings = small_batches
    first = shop(tmp_path / "first", **{"interactions.jsonl": jsonl(interaction(1, 1, 1))})
    load_catalog(driver, settings, first, tmp_path / "q1.jsonl", progress=False)
    # ti-i-1 again, with other endpoints, in the middle of a batch of good rows; reviews follow.
    rows = [interaction(i, 2, 2) for i in range(2, 5)] + [interaction(1, 3, 3)] + [
        interaction(i, 2, 3) for i in range(5, 11)]
    review = {"id": "ti-r-1", "shopper_id": "ti-s-2", "product_id": "ti-p-2", "rating": 4,
              "text": "Good", "lang": "en", "at": "2026-11-02T00:00:00Z"}
    second = shop(tmp_path / "second", **{"interactions.jsonl": jsonl(*rows),
                                          "reviews.jsonl": jsonl(review)})
    qfile = tmp_path / "q2.jsonl"
    report = load_catalog(driver, settings, second, qfile, progress=False)
    assert report.entities["interactions"].loaded == 9
    assert report.entities["reviews"].loaded == 1
    (entry,) = quarantine_entries(qfile)
    assert (entry["file"], entry["line"], entry["field"]) == ("interactions.jsonl", 4, "id")
    assert "already links shopper 'ti-s-1' and product 'ti-p-1'" in entry["reason"]


def test_the_first_row_with_a_key_wins(driver, small_batches, clean, tmp_path):
    settings = small_batches
    product = {"brand_id": "ti-b-1", "category_id": "ti-c-1", "price": 1, "currency": "EUR"}
    folder = shop(tmp_path / "shop", **{
        "products.jsonl": jsonl({"id": "ti-p-1", **product, "titles": {"en": "First"}},
                                {"id": "ti-p-2", **product, "titles": {"en": "Other"}},
                                {"id": "ti-p-1", **product, "titles": {"en": "Second"}}),
        "shoppers.csv": "id,country,language,currency\nti-s-1,DE,de,EUR\nti-s-1,DE,en,EUR\n",
        "interactions.jsonl": jsonl(interaction(1, 1, 1), {**interaction(1, 1, 1), "id": None}
                                    | {"at": "2026-11-01T10:01:00Z"}, interaction(1, 1, 2)),
    })
    qfile = tmp_path / "q.jsonl"
    report = load_catalog(driver, settings, folder, qfile, progress=False)
    entries = quarantine_entries(qfile)
    assert [(e["file"], e["line"]) for e in entries] == [
        ("products.jsonl", 3), ("shoppers.csv", 3), ("interactions.jsonl", 3)]
    assert "already on line 1 of products.jsonl; the first row wins" in entries[0]["reason"]
    assert "already on line 2 of shoppers.csv" in entries[1]["reason"]
    assert report.quarantined == len(entries) == 3
    title = read(driver, cypher_file("subgraph_snapshot"), settings.neo4j_database, prefix="ti-p-1")
    assert title[0]["props"]["title_en"] == "First"


def test_a_reloaded_review_has_one_author_and_one_product(driver, settings, clean, tmp_path):
    review = {"id": "ti-r-1", "shopper_id": "ti-s-1", "product_id": "ti-p-1", "rating": 5,
              "text": "Great", "lang": "en", "at": "2026-11-02T00:00:00Z"}
    load_catalog(driver, settings, shop(tmp_path / "a", **{"reviews.jsonl": jsonl(review)}),
                 tmp_path / "q.jsonl", progress=False)
    moved = {**review, "shopper_id": "ti-s-2", "product_id": "ti-p-2"}
    report = load_catalog(driver, settings, shop(tmp_path / "b", **{"reviews.jsonl": jsonl(moved)}),
                          tmp_path / "q.jsonl", progress=False)
    assert report.quarantined == 0
    (links,) = read(driver, WROTE_AND_REVIEWS, settings.neo4j_database, id="ti-r-1")
    assert links["authors"] == ["ti-s-2"] and links["products"] == ["ti-p-2"]
    ratings = {r["props"]["id"]: r["props"] for r in read(
        driver, cypher_file("subgraph_snapshot"), settings.neo4j_database, prefix="ti-p-")}
    assert ratings["ti-p-2"]["avg_rating"] == 5 and ratings["ti-p-2"]["review_count"] == 1
    assert "avg_rating" not in ratings["ti-p-1"] and "review_count" not in ratings["ti-p-1"]


def test_category_cycles_are_refused(driver, settings, clean, tmp_path):
    first = shop(tmp_path / "a", **{"categories.jsonl": jsonl(
        {"id": "ti-c-1", "names": {"en": "Root"}},
        {"id": "ti-c-2", "parent_id": "ti-c-1", "names": {"en": "Child"}})})
    load_catalog(driver, settings, first, tmp_path / "q1.jsonl", progress=False)
    qfile = tmp_path / "q2.jsonl"
    second = shop(tmp_path / "b", **{"categories.jsonl": jsonl(
        {"id": "ti-c-1", "parent_id": "ti-c-2", "names": {"en": "Root"}},    # through the graph
        {"id": "ti-c-self", "parent_id": "ti-c-self", "names": {"en": "Self"}},
        {"id": "ti-c-x", "parent_id": "ti-c-y", "names": {"en": "X"}},
        {"id": "ti-c-y", "parent_id": "ti-c-x", "names": {"en": "Y"}},
        {"id": "ti-c-ok", "parent_id": "ti-c-2", "names": {"en": "Fine"}})})
    report = load_catalog(driver, settings, second, qfile, progress=False)
    reasons = {e["row"]["id"]: e["reason"] for e in quarantine_entries(qfile)}
    assert "would close a cycle of categories: ti-c-1 -> ti-c-2 -> ti-c-1" in reasons["ti-c-1"]
    assert reasons["ti-c-self"] == "a category cannot be its own parent"
    assert "ti-c-y -> ti-c-x -> ti-c-y" in reasons["ti-c-y"]
    assert "'ti-c-y' is refused itself" in reasons["ti-c-x"]
    assert report.entities["categories"].loaded == 1 and report.quarantined == 4
    parents = {r["id"]: r["parents"] for r in read(
        driver, CATEGORY_PARENTS, settings.neo4j_database, prefix=PREFIX)}
    assert parents == {"ti-c-1": [], "ti-c-2": ["ti-c-1"], "ti-c-ok": ["ti-c-2"]}


def every_path_catalog(folder: Path) -> Path:
    """One catalog that sends rows down every road to the quarantine."""
    good = {"brand_id": "ti-b-1", "category_id": "ti-c-1", "price": 1, "currency": "EUR"}
    files: dict[str, str | bytes] = {
        "exchange_rates.csv": "currency;rate;date\r\nUSD;1.08;2026-11-27\r\nGBP;0,85;2026-11-27\r\n",
        "categories.jsonl": jsonl({"id": "ti-c-1", "names": {"en": "Root"}},
                                  {"id": "ti-c-2", "parent_id": "ti-c-2", "names": {"en": "Self"}},
                                  {"id": "ti-c-3", "parent_id": "ti-c-none", "names": {"en": "?"}}),
        "products.jsonl": (jsonl({"id": "ti-p-1", **good, "titles": {"en": "One"}},
                                 {"id": "ti-p-2", **good, "titles": {"en": "Two"}},
                                 {"id": "ti-p-3", **good, "titles": {"en": "Three"}},
                                 {"id": "ti-p-1", **good, "titles": {"en": "Again"}},      # dup
                                 {"id": "ti-p-4", **good, "currency": "XXX", "titles": {"en": "?"}},
                                 {"id": "ti-p-5", **good, "brand_id": "ti-b-none",
                                  "titles": {"en": "?"}},
                                 {"id": "ti-p-6", **good, "titles": {"en": "?"}, "color": "red"})
                           + '{"id": "ti-p-7"\n\n[1, 2]\n').encode() + b'{"id": "\xc3("}\n',
        "shoppers.csv": ("id,country,language,currency\nti-s-1,DE,de,EUR\nti-s-2,DE,de,EUR,x\n"
                         'ti-s-3,"DE,de,EUR\nti-s-4,ZZ,de,EUR\n'),
        "interactions.jsonl": jsonl(interaction(1, 1, 1), interaction(2, 1, 2), interaction(1, 1, 3),
                                    interaction(3, 4, 1), interaction(4, 1, 2)),
    }
    return shop(folder, **files)


def test_summary_and_quarantine_file_agree_on_every_path(driver, small_batches, clean, tmp_path):
    settings = small_batches
    # ti-i-4 already exists with other endpoints: a constraint conflict inside a batch.
    load_catalog(driver, settings, shop(tmp_path / "before", **{
        "interactions.jsonl": jsonl(interaction(4, 2, 3))}), tmp_path / "q0.jsonl", progress=False)
    qfile = tmp_path / "q.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "borderless.cli", "load", "catalog",
         str(every_path_catalog(tmp_path / "shop")), "--json", "--no-progress",
         "--quarantine", str(qfile)],
        capture_output=True, text=True, cwd=REPO_ROOT, check=False, env={
            **os.environ, "BORDERLESS_BATCH_SIZE": "4",
            "BORDERLESS_STATE_DIR": str(settings.state_dir),
            "BORDERLESS_BOLT_PORT": str(settings.bolt_port)})
    assert done.returncode == 1, done.stderr
    summary = json.loads(done.stdout)
    entries = quarantine_entries(qfile)
    per_file = Counter(e["file"].split(".")[0] for e in entries)
    assert summary["quarantined"] == len(entries) == 16
    for entity, counts in summary["entities"].items():
        assert counts["quarantined"] == per_file[entity], entity
        assert counts["read"] == counts["loaded"] + counts["quarantined"], entity
    assert {e: c["loaded"] for e, c in summary["entities"].items()} == {
        "countries": 1, "exchange_rates": 1, "brands": 1, "categories": 1, "products": 3,
        "shoppers": 1, "interactions": 2}
    assert any("read as semicolon-separated" in note for note in summary["notes"])
    assert any("write decimals with a dot" in e["reason"] for e in entries)


def run_cli(settings: Settings, folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "borderless.cli", "load", "catalog", str(folder), "--no-progress"],
        capture_output=True, text=True, cwd=REPO_ROOT, check=False, env={
            **os.environ, "BORDERLESS_STATE_DIR": str(settings.state_dir),
            "BORDERLESS_BOLT_PORT": str(settings.bolt_port)})


def test_misnamed_files_and_empty_folders_stop_before_anything_loads(driver, settings, clean,
                                                                     tmp_path):
    folder = shop(tmp_path / "shop")
    (folder / "shoppers.csv").rename(folder / "shopper.csv")
    done = run_cli(settings, folder)
    assert done.returncode == 2
    assert "shopper.csv is not a catalog file name; did you mean shoppers.csv?" in done.stderr
    assert ids_in_graph(driver, settings) == set()
    (tmp_path / "empty").mkdir()
    with pytest.raises(LoadError, match="no catalog file in it"):
        load_catalog(driver, settings, tmp_path / "empty", tmp_path / "q.jsonl", progress=False)
