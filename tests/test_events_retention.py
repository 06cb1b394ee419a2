"""Retention (``borderless events prune``) and erasure of a shopper's events and sessions."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta

from api_support import api_settings, api_shop, client, data, gql, shopper  # noqa: F401

from borderless.cli import main
from graph.driver import read, write
from statements import cypher_file

RECORD = """mutation($events: [EventInput!]!, $sessionId: String) {
  recordEvents(events: $events, sessionId: $sessionId) { accepted userErrors { code } } }"""
# A catalog interaction of the API tests' shop (its derived key), older than the retention.
CATALOG_KEY = "apit-s-1|apit-p-01|view|20261101T100000000000"
ERASE = """mutation($id: ID!) { deleteShopper(id: $id) { deletion {
  interactionsDeleted sessionsDeleted impressionsDeleted } userErrors { code } } }"""


def test_prune_keeps_daily_aggregates_recent_events_and_catalog_interactions(
        client, api_settings, driver, settings, capsys):
    db = settings.neo4j_database
    # A day of its own, far in the past, so the aggregates read are this test's only.
    day = date(2000, 1, 1) + timedelta(days=random.randrange(3000))  # noqa: S311
    old = datetime(day.year, day.month, day.day, 12, tzinfo=UTC).isoformat()
    run = uuid.uuid4().hex[:8]
    listed = f"apit-ev-plist-{run}"
    write(driver, cypher_file("events_served_list"), db, id=listed, items=["apit-p-01"],
          unit="apit-s-1")
    ids = [f"apit-ev-prune-{run}-{i}" for i in range(5)]
    events = [{"id": ids[0], "kind": "view", "productId": "apit-p-01", "at": old},
              {"id": ids[1], "kind": "view", "productId": "apit-p-02", "at": old,
               "listId": listed, "position": 1},
              {"id": ids[2], "kind": "purchase", "productId": "apit-p-01", "at": old,
               "quantity": 2, "price": 3.0, "currency": "XTS"},
              {"id": ids[3], "kind": "impression", "listId": listed, "at": old},
              {"id": ids[4], "kind": "view", "productId": "apit-p-01"}]
    body = gql(client, RECORD, {"events": events}, headers=shopper(api_settings, "apit-s-1"))
    assert data(body)["recordEvents"] == {"accepted": 5, "userErrors": []}
    catalog_before = read(driver, cypher_file("events_stored"), db, ids=[CATALOG_KEY])
    assert len(catalog_before) == 1
    try:
        assert main(["events", "prune", "--retention-days", "30", "--json"]) == 0
        capsys.readouterr()
        days = read(driver, cypher_file("events_days_of"), db, day=day)
        assert [(d["kind"], d["strategy"], d["count"], d["valueBase"]) for d in days] == [
            ("impression", "model", 1, 0.0), ("purchase", "none", 1, 3.0),
            ("view", "model", 1, 0.0), ("view", "none", 1, 0.0)]
        left = read(driver, cypher_file("events_stored"), db, ids=ids)
        assert [r["id"] for r in left] == [ids[4]]
        counted = read(driver, cypher_file("events_served_list_of"), db, id=listed)[0]
        assert (counted["impressions"], counted["events"]) == (1, 0)
        # Catalog interactions are training data, never pruned; a second prune finds nothing.
        assert read(driver, cypher_file("events_stored"), db, ids=[CATALOG_KEY]) == catalog_before
        assert main(["events", "prune", "--retention-days", "30", "--json"]) == 0
        assert '"events_deleted": 0' in capsys.readouterr().out
        assert read(driver, cypher_file("events_days_of"), db, day=day) == days
    finally:
        write(driver, cypher_file("events_days_delete"), db, day=day)


def test_erasing_a_shopper_takes_their_events_sessions_and_impressions(client, api_settings,
                                                                       driver, settings):
    run = uuid.uuid4().hex[:8]
    person, session = f"apit-ev-person-{run}", f"apit-ev-sess-erase-{run}"
    anonymous = [{"id": f"apit-ev-er-{run}-0", "kind": "view", "productId": "apit-p-01"},
                 {"id": f"apit-ev-er-{run}-1", "kind": "impression", "items": ["apit-p-01"],
                  "placement": "home"}]
    assert data(gql(client, RECORD, {"events": anonymous, "sessionId": session}))[
        "recordEvents"]["accepted"] == 2
    signed_in = [{"id": f"apit-ev-er-{run}-2", "kind": "cart", "productId": "apit-p-02"}]
    headers = shopper(api_settings, person)
    gql(client, RECORD, {"events": signed_in, "sessionId": session}, headers=headers)
    erased = data(gql(client, ERASE, {"id": person}, headers=headers))["deleteShopper"]
    assert erased == {"deletion": {"interactionsDeleted": 2, "sessionsDeleted": 1,
                                   "impressionsDeleted": 1}, "userErrors": []}
    db = settings.neo4j_database
    assert read(driver, cypher_file("events_session_of"), db, id=session) == [
        {"sessions": 0, "impressions": 0}]
    ids = [e["id"] for e in anonymous + signed_in]
    assert read(driver, cypher_file("events_stored"), db, ids=ids) == []
