"""The catalog loader against the real Neo4j: counts, idempotent reloads, quarantine, crash safety."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, UTC
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from borderless.settings import REPO_ROOT, Settings
from graph.driver import read, run_auto
from loaders.catalog import load_catalog
from statements import cypher_file

FIXTURE = Path(__file__).parent / "data" / "catalog"


def snapshot(driver: Driver, settings: Settings, prefix: str) -> list[dict[str, Any]]:
    rows = read(driver, cypher_file("subgraph_snapshot"), settings.neo4j_database, prefix=prefix)
    rows = json.loads(json.dumps(rows, default=str, sort_keys=True))
    for row in rows:  # parallel relationships come back in storage order
        row["rels"].sort(key=lambda r: json.dumps(r, sort_keys=True))
        # When a product first arrived (listings' "newest") differs between two loads by design.
        row["props"].pop("listed_at", None)
    return rows


def wipe(driver: Driver, settings: Settings, prefix: str) -> None:
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=prefix)


@pytest.fixture
def clean_tl(driver: Driver, settings: Settings):
    wipe(driver, settings, "tl-")
    yield
    wipe(driver, settings, "tl-")


def test_fixture_catalog_loads_every_row(driver, settings, clean_tl, tmp_path):
    report = load_catalog(driver, settings, FIXTURE, tmp_path / "q.jsonl", progress=False)
    assert report.quarantined == 0
    assert {k: v.loaded for k, v in report.entities.items()} == {
        "countries": 3, "exchange_rates": 2, "brands": 2, "categories": 3, "products": 3,
        "shipping": 4, "restrictions": 1, "shoppers": 2, "interactions": 3, "reviews": 2,
    }
    snap = {row["props"]["id"]: row for row in snapshot(driver, settings, "tl-")}
    # Prices land in the base currency: 108 USD at 1.08 per EUR is 100 EUR.
    assert snap["tl-p-2"]["props"]["price"] == pytest.approx(100.0)
    assert snap["tl-p-3"]["props"]["price"] == pytest.approx(100.0)
    assert snap["tl-p-3"]["props"]["title_ja"] == "白いスニーカー"
    assert {r["to"] for r in snap["tl-c-running"]["rels"]} == {"tl-c-shoes"}
    assert snap["tl-b-nike"]["props"]["aliases"] == ["nike", "nikey", "ナイキ"]
    assert snap["tl-p-1"]["props"]["avg_rating"] == pytest.approx(4.0)
    assert snap["tl-p-1"]["props"]["review_count"] == 2
    kinds = sorted(r["props"]["kind"] for r in snap["tl-s-1"]["rels"] if r["type"] == "INTERACTED")
    assert kinds == ["purchase", "view"]


def test_reload_changes_nothing(driver, settings, clean_tl, tmp_path):
    load_catalog(driver, settings, FIXTURE, tmp_path / "q.jsonl", progress=False)
    first = snapshot(driver, settings, "tl-")
    load_catalog(driver, settings, FIXTURE, tmp_path / "q.jsonl", progress=False)
    assert snapshot(driver, settings, "tl-") == first
    assert len(first) == 12  # brands 2, categories 3, products 3, shoppers 2, reviews 2


def _bad_catalog(tmp_path: Path) -> Path:
    bad = tmp_path / "bad"
    shutil.copytree(FIXTURE, bad)
    with (bad / "products.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"id": "tl-p-4", "brand_id": "tl-b-nike", "category_id": "tl-c-shoes", '
                '"price": -5, "currency": "EUR", "titles": {"en": "Negative"}}\n')           # line 4
        f.write('{"id": "tl-p-5", "brand_id": "tl-b-nobody", "category_id": "tl-c-shoes", '
                '"price": 5, "currency": "EUR", "titles": {"en": "Ghost brand"}}\n')         # line 5
        f.write('{"id": "tl-p-6", "brand_id": "tl-b-nike", "category_id": "tl-c-shoes", '
                '"price": 5, "currency": "XXX", "titles": {"en": "No rate"}}\n')             # line 6
        f.write('{"id": "tl-p-7", "brand_id": "tl-b-nike"\n')                                # line 7
        f.write('{"id": "tl-p-8", "brand_id": "tl-b-nike", "category_id": "tl-c-shoes", '
                '"price": 9, "currency": "EUR", "titles": {"xx": "Bad language"}}\n')        # line 8
    with (bad / "shoppers.csv").open("a", encoding="utf-8") as f:
        f.write("tl-s-3,ZZ,en,EUR\n")          # line 4: unknown country
        f.write("tl-s-4,DE,de,EUR,extra\n")    # line 5: one cell too many
        f.write("tl-s-5,FR,klingon,EUR\n")     # line 6: bad language (and FR unknown)
    with (bad / "interactions.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"shopper_id": "tl-s-1", "product_id": "tl-p-2", "kind": "buy", '
                '"at": "2026-11-05T00:00:00Z"}\n')                                           # line 4
        f.write('{"shopper_id": "tl-s-1", "product_id": "tl-p-2", "kind": "cart", '
                '"at": "2026-11-05T00:00:00Z"}\n')                                           # line 5: good
    with (bad / "categories.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"id": "tl-c-orphan", "parent_id": "tl-c-missing", "names": {"en": "Orphan"}}\n')
    return bad


def test_bad_rows_are_quarantined_and_good_rows_land(driver, settings, clean_tl, tmp_path):
    bad = _bad_catalog(tmp_path)
    qfile = tmp_path / "quarantine.jsonl"
    report = load_catalog(driver, settings, bad, qfile, progress=False)
    entries = [json.loads(line) for line in qfile.read_text(encoding="utf-8").splitlines()]
    by_place = {(e["file"], e["line"]): e for e in entries}
    assert report.quarantined == len(entries) == 10

    assert by_place[("products.jsonl", 4)]["field"] == "price"
    assert "greater than or equal to 0" in by_place[("products.jsonl", 4)]["reason"]
    assert by_place[("products.jsonl", 5)]["field"] == "brand_id"
    assert "'tl-b-nobody' does not exist" in by_place[("products.jsonl", 5)]["reason"]
    assert by_place[("products.jsonl", 6)]["field"] == "currency"
    assert "no exchange rate for XXX" in by_place[("products.jsonl", 6)]["reason"]
    assert "invalid JSON" in by_place[("products.jsonl", 7)]["reason"]
    assert "unknown language" in by_place[("products.jsonl", 8)]["reason"]
    assert by_place[("shoppers.csv", 4)]["field"] == "country"
    assert "more than the 4 header columns" in by_place[("shoppers.csv", 5)]["reason"]
    assert by_place[("shoppers.csv", 6)]["field"] == "language"
    assert by_place[("interactions.jsonl", 4)]["field"] == "kind"
    assert by_place[("categories.jsonl", 4)]["field"] == "parent_id"

    assert report.entities["products"].loaded == 3
    assert report.entities["interactions"].loaded == 4
    ids = {row["props"]["id"] for row in snapshot(driver, settings, "tl-")}
    assert {"tl-p-1", "tl-p-2", "tl-p-3", "tl-s-1", "tl-s-2"} <= ids
    assert not ids & {"tl-p-4", "tl-p-5", "tl-p-6", "tl-s-3", "tl-s-4", "tl-c-orphan"}


def _cli_env(settings: Settings, batch_size: int) -> dict[str, str]:
    env = {**os.environ, "BORDERLESS_BATCH_SIZE": str(batch_size)}
    env["BORDERLESS_STATE_DIR"] = str(settings.state_dir)
    env["BORDERLESS_BOLT_PORT"] = str(settings.bolt_port)
    return env


def test_cli_exit_code_and_summary_on_bad_input(settings, driver, clean_tl, tmp_path):
    bad = _bad_catalog(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "borderless.cli", "load", "catalog", str(bad), "--json",
         "--no-progress", "--quarantine", str(tmp_path / "q.jsonl")],
        capture_output=True, text=True, env=_cli_env(settings, 100), cwd=REPO_ROOT, check=False,
    )
    assert done.returncode == 1, done.stderr
    summary = json.loads(done.stdout)
    assert summary["quarantined"] == 10
    assert summary["entities"]["products"] == {"read": 8, "loaded": 3, "quarantined": 5}


def _big_catalog(tmp_path: Path, n_interactions: int) -> Path:
    big = tmp_path / "big"
    shutil.copytree(FIXTURE, big)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with (big / "interactions.jsonl").open("w", encoding="utf-8") as f:
        for i in range(n_interactions):
            f.write(json.dumps({
                "id": f"tl-i-{i}", "shopper_id": f"tl-s-{1 + i % 2}",
                "product_id": f"tl-p-{1 + i % 3}", "kind": "view",
                "at": (start + timedelta(minutes=i)).isoformat(),
            }) + "\n")
    return big


def test_load_killed_midway_and_rerun_matches_clean_load(driver, settings, clean_tl, tmp_path):
    big = _big_catalog(tmp_path, 4000)
    load_catalog(driver, settings, big, tmp_path / "q.jsonl", progress=False)
    clean = snapshot(driver, settings, "tl-")
    wipe(driver, settings, "tl-")

    cmd = [sys.executable, "-m", "borderless.cli", "load", "catalog", str(big), "--no-progress",
           "--quarantine", str(tmp_path / "q2.jsonl")]
    proc = subprocess.Popen(cmd, env=_cli_env(settings, 50), cwd=REPO_ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        rels = read(driver, "manager/count_relationships_by_type", settings.neo4j_database)
        if any(r["type"] == "INTERACTED" and r["count"] >= 500 for r in rels):
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the load finished before it could be killed; make it bigger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = snapshot(driver, settings, "tl-")
    assert partial != clean  # it really was killed half-way

    rerun = subprocess.run(cmd, env=_cli_env(settings, 50), cwd=REPO_ROOT, check=False,
                           capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(driver, settings, "tl-") == clean
