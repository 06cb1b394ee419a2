"""``borderless load events FILE``: the API's checks, a quarantine file, and nothing stored twice."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

from api_support import api_settings, api_shop  # noqa: F401

from borderless.cli import main
from graph.driver import read
from loaders.events import load_events
from statements import cypher_file


def _stored(driver, settings, ids):
    return read(driver, cypher_file("events_stored"), settings.neo4j_database, ids=ids)


def test_a_jsonl_back_fill_quarantines_bad_rows_and_a_rerun_stores_nothing_twice(
        api_shop, driver, settings, tmp_path):
    run = uuid.uuid4().hex[:8]
    ids = [f"apit-ev-bulk-{run}-{i}" for i in range(9)]
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    rows = [
        {"id": ids[0], "kind": "view", "shopper_id": "apit-s-1", "product_id": "apit-p-01",
         "at": "2026-11-01T10:00:00Z"},
        {"id": ids[1], "kind": "Purchase", "shopper_id": "apit-s-1", "product_id": "apit-p-02",
         "at": "2026-11-01T10:05:00", "quantity": 2, "price": 4, "currency": "xts"},
        {"id": ids[2], "kind": "view", "session_id": f"apit-ev-bulk-sess-{run}",
         "product_id": "apit-p-01"},
        {"id": ids[3], "kind": "view", "shopper_id": "apit-s-1", "product_id": "apit-nope"},
        {"id": ids[4], "kind": "purchase", "shopper_id": "apit-s-1", "product_id": "apit-p-01",
         "quantity": -1, "price": 4, "currency": "EUR"},
        {"id": ids[5], "kind": "view", "shopper_id": "apit-s-1", "product_id": "apit-p-01",
         "at": future},
        {"id": ids[6], "kind": "view", "product_id": "apit-p-01"},
        {"id": ids[0], "kind": "view", "shopper_id": "apit-s-1", "product_id": "apit-p-02"},
        {"id": ids[7], "kind": "view", "shopper_id": "apit-no-such-shopper",
         "product_id": "apit-p-01"},
        {"id": ids[8], "kind": "rating", "shopper_id": "apit-s-2", "product_id": "apit-p-01",
         "rating": 5},
    ]
    events = tmp_path / "events.jsonl"
    events.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n", encoding="utf-8")
    box = tmp_path / "quarantine.jsonl"
    report = load_events(driver, settings, events, box, progress=False)
    counts = report.entities["events"]
    assert (counts.read, counts.loaded, counts.quarantined) == (11, 4, 7)
    entries = [json.loads(line) for line in box.read_text(encoding="utf-8").splitlines()]
    assert [(e["line"], e["field"], e["reason"].split(":")[0]) for e in entries] == [
        (8, "id", "duplicate id " + repr(ids[0])), (11, "(line)", "invalid JSON"),
        (4, "product_id", "UNKNOWN_PRODUCT"), (5, "quantity", "INVALID_QUANTITY"),
        (6, "at", "FUTURE_TIME"), (7, "shopper_id", "MISSING_FIELD"),
        (9, "shopper_id", "UNKNOWN_SHOPPER")]
    stored = _stored(driver, settings, ids)
    assert [(r["id"], r["holder"], r["source"]) for r in stored] == [
        (ids[0], "Shopper", "bulk"), (ids[1], "Shopper", "bulk"), (ids[2], "Session", "bulk"),
        (ids[8], "Shopper", "bulk")]
    assert stored[1]["valueBase"] == 4.0  # 2 x 4 XTS at 2 XTS per EUR

    again = load_events(driver, settings, events, box, progress=False)
    assert again.entities["events"].loaded == 4
    assert "4 event(s) were already stored" in again.notes[0]
    assert len(_stored(driver, settings, ids)) == 4


def test_a_csv_back_fill_through_the_command(api_shop, driver, settings, tmp_path, capsys):
    run = uuid.uuid4().hex[:8]
    ids = [f"apit-ev-csv-{run}-{i}" for i in range(3)]
    events = tmp_path / "events.csv"
    events.write_text(
        "id;kind;shopper_id;product_id;quantity;price;currency;items;placement\n"
        f"{ids[0]};cart;apit-s-2;apit-p-02;;;;;\n"
        f"{ids[1]};purchase;apit-s-2;apit-p-02;3;1.50;EUR;;\n"
        f"{ids[2]};impression;apit-s-2;;;;;apit-p-01|apit-p-02;footer\n", encoding="utf-8")
    assert main(["load", "events", str(events), "--json", "--no-progress",
                 "--quarantine", str(tmp_path / "q.jsonl")]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["entities"]["events"] == {"read": 3, "loaded": 3, "quarantined": 0}
    stored = _stored(driver, settings, ids)
    assert [(r["kind"], r["valueBase"]) for r in stored] == [("cart", None), ("purchase", 4.5)]
    external = read(driver, cypher_file("events_served_list_of"), settings.neo4j_database,
                    id=f"ext:{ids[2]}")[0]
    assert (external["items"], external["impressions"]) == (["apit-p-01", "apit-p-02"], 1)
