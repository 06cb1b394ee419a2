"""``recordEvents`` against the real Neo4j: each event once, bad ones refused one by one, sessions
merged into the shopper who signs in."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from api_support import api_settings, api_shop, client, data, error_codes, gql, shopper  # noqa: F401
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from graph.driver import read, write
from loaders.event_rows import MAX_BATCH
from statements import cypher_file

RECORD = """mutation($events: [EventInput!]!, $sessionId: String) {
  recordEvents(events: $events, sessionId: $sessionId) {
    accepted duplicates userErrors { index field code message } } }"""


def _ids(n: int) -> list[str]:
    run = uuid.uuid4().hex[:10]
    return [f"apit-ev-{run}-{i}" for i in range(n)]


def _record(client: TestClient, events: list[dict[str, Any]], headers: dict[str, str] | None = None,
            session: str | None = None) -> dict[str, Any]:
    body = gql(client, RECORD, {"events": events, "sessionId": session}, headers=headers)
    return data(body)["recordEvents"]


def _stored(driver, settings, ids: list[str]) -> list[dict[str, Any]]:
    return read(driver, cypher_file("events_stored"), settings.neo4j_database, ids=ids)


def test_a_signed_in_shopper_records_each_event_once(client, api_settings, driver, settings):
    ids = _ids(3)
    events = [{"id": ids[0], "kind": "view", "productId": "apit-p-01"},
              {"id": ids[1], "kind": "click", "productId": "apit-p-02", "position": 2},
              {"id": ids[2], "kind": "purchase", "productId": "apit-p-01", "quantity": 3,
               "price": 10.0, "currency": "XTS"}]
    headers = shopper(api_settings, "apit-s-01")
    assert _record(client, events, headers) == {"accepted": 3, "duplicates": 0, "userErrors": []}
    # The same batch again (a client retrying a lost answer) stores nothing new.
    assert _record(client, events, headers) == {"accepted": 0, "duplicates": 3, "userErrors": []}
    rows = _stored(driver, settings, ids)
    assert [(r["holder"], r["owner"], r["kind"], r["source"]) for r in rows] == [
        ("Shopper", "apit-s-01", "view", "api"), ("Shopper", "apit-s-01", "click", "api"),
        ("Shopper", "apit-s-01", "purchase", "api")]
    assert rows[2]["valueBase"] == 15.0  # 3 x 10 XTS at 2 XTS per EUR


def test_every_mistake_of_one_event_is_named_at_once(client, api_settings, driver, settings):
    # Before, an event stopped at its first mistake: the client fixed one, resent, met the next.
    ids = _ids(3)
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    events = [{"id": ids[0], "kind": "teleport", "at": future, "position": 0},
              {"id": ids[1], "kind": "purchase", "productId": "apit-p-01", "quantity": 0,
               "price": -1.0, "currency": "QQQ"},
              {"id": ids[2], "kind": "view", "productId": "apit-p-01"}]
    answer = _record(client, events, shopper(api_settings, "apit-s-01"))
    assert answer["accepted"] == 1
    assert [(e["index"], e["field"][-1], e["code"]) for e in answer["userErrors"]] == [
        (0, "kind", "UNKNOWN_KIND"), (0, "at", "FUTURE_TIME"), (0, "position", "INVALID_VALUE"),
        (1, "quantity", "INVALID_QUANTITY"), (1, "price", "INVALID_PRICE"),
        (1, "currency", "UNKNOWN_CURRENCY")]
    assert [r["id"] for r in _stored(driver, settings, ids)] == [ids[2]]


def test_bad_events_are_refused_by_themselves_and_the_good_ones_stored(client, api_settings,
                                                                       driver, settings):
    ids = _ids(10)
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    events = [{"id": ids[0], "kind": "view", "productId": "apit-p-01"},
              {"id": ids[1], "kind": "view", "productId": "apit-no-such-product"},
              {"id": ids[2], "kind": "teleport", "productId": "apit-p-01"},
              {"id": ids[3], "kind": "view", "productId": "apit-p-01", "at": future},
              {"id": ids[4], "kind": "purchase", "productId": "apit-p-01", "quantity": 0,
               "price": 1.0, "currency": "EUR"},
              {"id": ids[5], "kind": "purchase", "productId": "apit-p-01", "quantity": 1,
               "price": -1.0, "currency": "EUR"},
              {"id": ids[6], "kind": "purchase", "productId": "apit-p-01", "quantity": 1,
               "price": 1.0, "currency": "QQQ"},
              {"id": ids[7], "kind": "impression", "listId": "apit-ev-no-such-list"},
              {"id": ids[8], "kind": "rating", "productId": "apit-p-02", "value": 4},
              {"id": ids[9], "kind": "click", "productId": "apit-p-02", "listId": "apit-ev-none"}]
    answer = _record(client, events, shopper(api_settings, "apit-s-01"))
    assert answer["accepted"] == 2
    assert [(e["index"], e["field"][-1], e["code"]) for e in answer["userErrors"]] == [
        (1, "productId", "UNKNOWN_PRODUCT"), (2, "kind", "UNKNOWN_KIND"), (3, "at", "FUTURE_TIME"),
        (4, "quantity", "INVALID_QUANTITY"), (5, "price", "INVALID_PRICE"),
        (6, "currency", "UNKNOWN_CURRENCY"), (7, "listId", "UNKNOWN_LIST"),
        (9, "listId", "UNKNOWN_LIST")]
    # The same shape as every other mutation's userErrors: `field` is the input path.
    assert all(e["field"] == ["events", str(e["index"]), e["field"][-1]] for e in answer["userErrors"])
    assert all(e["message"] for e in answer["userErrors"])
    stored = _stored(driver, settings, ids)
    assert [(r["id"], r["rating"]) for r in stored] == [(ids[0], None), (ids[8], 4)]


def test_an_anonymous_session_records_and_signing_in_merges_it(client, api_settings, driver,
                                                               settings):
    ids = _ids(3)
    session = f"apit-ev-sess-{uuid.uuid4().hex}"
    events = [{"id": ids[0], "kind": "view", "productId": "apit-p-01"},
              {"id": ids[1], "kind": "cart", "productId": "apit-p-02"}]
    # The session from the header.
    answer = _record(client, events, headers={"X-Session-Id": session})
    assert answer["accepted"] == 2
    assert {r["holder"] for r in _stored(driver, settings, ids)} == {"Session"}
    # Signing in and naming the session moves its events onto the shopper.
    later = [{"id": ids[2], "kind": "purchase", "productId": "apit-p-02", "quantity": 1,
              "price": 5, "currency": "EUR"}]
    answer = _record(client, later, shopper(api_settings, "apit-s-02"), session=session)
    assert answer == {"accepted": 1, "duplicates": 0, "userErrors": []}
    rows = _stored(driver, settings, ids)
    assert [(r["holder"], r["owner"], r["sessionId"]) for r in rows] == [
        ("Shopper", "apit-s-02", session)] * 3
    # A retry of the anonymous batch after the merge doubles nothing.
    assert _record(client, events, headers={"X-Session-Id": session})["duplicates"] == 2
    assert len(_stored(driver, settings, ids)) == 3
    # Another shopper may not take the session over, and nothing of their batch is stored.
    body = gql(client, RECORD, {"events": [{"id": _ids(1)[0], "kind": "view",
                                            "productId": "apit-p-01"}], "sessionId": session},
               headers=shopper(api_settings, "apit-s-01"))
    assert error_codes(body) == ["FORBIDDEN"]


def test_anonymous_events_need_a_session_and_never_name_a_shopper(client):
    body = gql(client, RECORD, {"events": [{"id": _ids(1)[0], "kind": "view",
                                            "productId": "apit-p-01"}]})
    assert error_codes(body) == ["INVALID_ARGUMENT"]
    assert "sessionId" in body["errors"][0]["message"]
    # An event carries no owner field: the schema has none to fill.
    body = gql(client, RECORD, {"events": [{"id": "x", "kind": "view", "productId": "apit-p-01",
                                            "shopperId": "apit-s-01"}], "sessionId": "apit-ev-s1x"})
    assert error_codes(body) == ["INVALID_ARGUMENT"]
    assert "shopperId" in body["errors"][0]["message"]


def test_a_batch_over_the_limit_is_refused_with_the_limit(client):
    events = [{"id": f"apit-ev-big-{i}", "kind": "view", "productId": "apit-p-01"}
              for i in range(MAX_BATCH + 1)]
    body = gql(client, RECORD, {"events": events, "sessionId": "apit-ev-session-big"})
    assert error_codes(body) == ["INVALID_ARGUMENT"]
    assert f"1 to {MAX_BATCH} events" in body["errors"][0]["message"]


def test_concurrent_duplicates_are_stored_once(client, api_settings, driver, settings):
    ids = _ids(20)
    events = [{"id": i, "kind": "view", "productId": "apit-p-01"} for i in ids]
    headers = shopper(api_settings, "apit-s-01")
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda _: _record(client, events, headers), range(4)))
    assert sum(a["accepted"] for a in answers) == 20
    assert sum(a["duplicates"] for a in answers) == 60
    assert len(_stored(driver, settings, ids)) == 20


def test_an_id_of_another_shoppers_event_is_refused_not_moved(client, api_settings, driver,
                                                              settings):
    ids = _ids(1)
    event = [{"id": ids[0], "kind": "view", "productId": "apit-p-01"}]
    assert _record(client, event, shopper(api_settings, "apit-s-01"))["accepted"] == 1
    answer = _record(client, event, shopper(api_settings, "apit-s-02"))
    assert [e["code"] for e in answer["userErrors"]] == ["ID_TAKEN"]
    assert [r["owner"] for r in _stored(driver, settings, ids)] == ["apit-s-01"]


def test_impressions_count_once_on_their_list_and_external_lists_are_made(client, driver,
                                                                          settings):
    db = settings.neo4j_database
    listed = f"apit-ev-list-{uuid.uuid4().hex[:8]}"
    write(driver, cypher_file("events_served_list"), db, id=listed,
          items=["apit-p-01", "apit-p-02"], unit="apit-ev-sess-imp")
    ids = _ids(2)
    events = [{"id": ids[0], "kind": "impression", "listId": listed},
              {"id": ids[1], "kind": "impression", "items": ["apit-p-02", "apit-p-01"],
               "placement": "home-carousel"}]
    for _ in range(2):
        _record(client, events, session="apit-ev-sess-imp")
    counted = read(driver, cypher_file("events_served_list_of"), db, id=listed)[0]
    assert (counted["impressions"], counted["events"], counted["seen"]) == (1, 1, True)
    external = read(driver, cypher_file("events_served_list_of"), db, id=f"ext:{ids[1]}")[0]
    assert (external["strategy"], external["items"], external["impressions"]) == (
        "external", ["apit-p-02", "apit-p-01"], 1)


@pytest.mark.parametrize("budget", ["5/minute"])
def test_the_events_budget_is_spent_per_event(api_shop, settings, api_settings, budget):
    limited = ApiSettings(jwt_secret=api_settings.jwt_secret, rate_limit="",
                          rate_limit_expensive="", rate_limit_events=budget)
    events = [{"id": i, "kind": "view", "productId": "apit-p-01"} for i in _ids(4)]
    with TestClient(create_app(settings, limited)) as limited_client:
        assert _record(limited_client, events, session="apit-ev-sess-rate")["accepted"] == 4
        body = gql(limited_client, RECORD, {"events": events, "sessionId": "apit-ev-sess-rate"},
                   status=429)
    assert error_codes(body) == ["RATE_LIMITED"]


def test_the_same_ids_from_two_shoppers_at_once_go_to_one_of_them(client, api_settings, driver,
                                                                  settings):
    ids = _ids(20)
    events = [{"id": i, "kind": "view", "productId": "apit-p-02"} for i in ids]
    senders = [shopper(api_settings, "apit-s-1"), shopper(api_settings, "apit-s-2")] * 2
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda headers: _record(client, events, headers), senders))
    assert sum(a["accepted"] for a in answers) == 20
    stored = _stored(driver, settings, ids)
    assert len(stored) == 20
    owners = {r["id"]: r["owner"] for r in stored}
    # Each sender hears, per event, stored, duplicate (its own) or ID_TAKEN (the other's).
    for headers, answer in zip(senders, answers, strict=True):
        mine = "apit-s-1" if headers == senders[0] else "apit-s-2"
        taken = {ids[e["index"]] for e in answer["userErrors"] if e["code"] == "ID_TAKEN"}
        assert taken == {i for i, owner in owners.items() if owner != mine}


def test_every_field_of_an_event_arrives_as_sent(client, driver, settings):
    """The input is built straight from graphql-core's coerced values (``_event_from_input``)
    and the time travels as epoch seconds and nanoseconds: nothing may be lost or shifted."""
    db = settings.neo4j_database
    listed = f"apit-ev-list-{uuid.uuid4().hex[:8]}"
    write(driver, cypher_file("events_served_list"), db, id=listed,
          items=["apit-p-01", "apit-p-02"], unit="apit-ev-sess-fields")
    ids = _ids(4)
    events = [
        {"id": ids[0], "kind": "click", "productId": "apit-p-02", "listId": listed, "position": 2,
         "at": "2026-11-30T23:59:58.123456+02:00"},
        {"id": ids[1], "kind": "purchase", "productId": "apit-p-01", "quantity": 2, "price": 4.5,
         "currency": "xts", "at": "1969-12-31T23:59:59.5"},
        {"id": ids[2], "kind": "rating", "productId": "apit-p-01", "value": 4,
         "at": "2026-12-01T00:00:00Z"},
        {"id": ids[3], "kind": "impression", "items": ["apit-p-02"], "placement": "footer",
         "at": "2026-12-02T08:30:00.000001Z"}]
    assert _record(client, events, session="apit-ev-sess-fields")["accepted"] == 4
    rows = {r["id"]: r for r in read(driver, cypher_file("events_stored_fields"), db, ids=ids)}
    assert rows[ids[0]]["at"] == "2026-11-30T21:59:58.123456Z"
    assert (rows[ids[0]]["position"], rows[ids[0]]["listId"]) == (2, listed)
    assert rows[ids[1]]["at"] == "1969-12-31T23:59:59.5Z"  # before the epoch: seconds < 0
    assert (rows[ids[1]]["quantity"], rows[ids[1]]["price"], rows[ids[1]]["currency"]) == (
        2, 4.5, "XTS")
    assert (rows[ids[2]]["kind"], rows[ids[2]]["rating"], rows[ids[2]]["at"]) == (
        "rating", 4, "2026-12-01T00:00:00Z")
    assert rows[ids[3]]["at"] == rows[ids[3]]["lastImpressionAt"] == "2026-12-02T08:30:00.000001Z"


def test_a_field_of_the_wrong_type_is_refused_by_the_schema(client):
    """GraphQL still checks each field's type before the input is built from its values."""
    body = gql(client, RECORD, {"events": [{"id": "apit-ev-type-1", "kind": "click",
                                            "productId": "apit-p-01", "position": "second"}],
                                "sessionId": "apit-ev-sess-types"})
    assert body.get("data") is None and "position" in body["errors"][0]["message"]
