"""What the assistant's answers state: every order date, country names in the shopper's
language, and review sentiment per aspect (the outside evaluation's gaps 2 to 4).

Besides the service world, this module loads (through the catalog loader) a returned and a
cancelled order of ``ta-s-1``, a real country (Iceland, ``IS``: CLDR names it in every language;
no other test world uses it) with its duties and return policy, and four reviews of ``ta-p-1``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.app import create_app
from api.assistant.facts import Reply
from api.assistant.grounding import refusal
from api.settings import ApiSettings
from api_support import api_settings, shopper  # noqa: F401  (fixture)
from borderless.settings import Settings
from graph.driver import run_auto
from loaders.catalog import load_catalog
from service_world import service_world  # noqa: F401  (fixture)
from statements import cypher_file
from test_assistant import ask

EXTRA: dict[str, list[dict[str, Any]]] = {
    "countries.jsonl": [{"code": "IS", "name": "Iceland", "currency": "EUR", "languages": ["en"]}],
    "duty_notes.jsonl": [{"country": "IS", "duty_percent": 2, "vat_percent": 24, "de_minimis": 40}],
    "orders.jsonl": [
        {"id": "ta-o-3", "shopper_id": "ta-s-1", "country": "QM", "currency": "EUR",
         "placed_at": "2026-10-01T09:00:00Z", "carrier": "DHL", "tracking_id": "JD0003",
         "promised_by": "2026-10-08", "estimated_by": "2026-10-07"},
        {"id": "ta-o-4", "shopper_id": "ta-s-1", "country": "QM", "currency": "EUR",
         "placed_at": "2026-09-01T09:00:00Z"}],
    "order_events.jsonl": [
        {"order_id": "ta-o-3", "status": "placed", "at": "2026-10-01T09:00:00Z"},
        {"order_id": "ta-o-3", "status": "paid", "at": "2026-10-01T09:01:00Z"},
        {"order_id": "ta-o-3", "status": "shipped", "at": "2026-10-02T11:00:00Z"},
        {"order_id": "ta-o-3", "status": "delivered", "at": "2026-10-06T15:00:00Z"},
        {"order_id": "ta-o-3", "status": "returned", "at": "2026-10-15T10:00:00Z"},
        {"order_id": "ta-o-4", "status": "placed", "at": "2026-09-01T09:00:00Z"},
        {"order_id": "ta-o-4", "status": "cancelled", "at": "2026-09-03T10:00:00Z"}],
    "reviews.jsonl": [
        {"id": "ta-r-1", "shopper_id": "ta-s-1", "product_id": "ta-p-1", "rating": 5, "lang": "en",
         "text": "Very comfortable, I wear them all day. Nice colour.", "at": "2026-11-01T10:00:00Z"},
        {"id": "ta-r-2", "shopper_id": "ta-s-2", "product_id": "ta-p-1", "rating": 2, "lang": "en",
         "text": "Uncomfortable after an hour of walking, my feet hurt.", "at": "2026-11-02T10:00:00Z"},
        {"id": "ta-r-3", "shopper_id": "ta-s-2", "product_id": "ta-p-1", "rating": 5, "lang": "de",
         "text": "Sehr bequem und leicht, ich bin begeistert.", "at": "2026-11-03T10:00:00Z"},
        {"id": "ta-r-4", "shopper_id": "ta-s-1", "product_id": "ta-p-1", "rating": 4, "lang": "en",
         "text": "Nice colour, arrived on time.", "at": "2026-11-04T10:00:00Z"}],
}


@pytest.fixture(scope="module")
def client(service_world: None, driver: Driver, settings: Settings, api_settings: ApiSettings,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("extra")
    for name, rows in EXTRA.items():
        (folder / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (folder / "order_lines.csv").write_text(
        "order_id,product_id,quantity,price,currency\nta-o-3,ta-p-1,1,80,EUR\nta-o-4,ta-p-2,1,50,EUR\n")
    (folder / "return_policies.csv").write_text(
        "country,category_id,window_days,paid_by,exceptions\nIS,,21,shop,\n")
    report = load_catalog(driver, settings, folder, folder / "q.jsonl", progress=False)
    assert report.quarantined == 0, Path(folder / "q.jsonl").read_text()
    with TestClient(create_app(settings, api_settings)) as test_client:
        yield test_client
    run_auto(driver, cypher_file("assistant_test_cleanup"), settings.neo4j_database, codes=["IS"])


def test_a_returned_order_states_every_date_it_holds(client, api_settings):
    said = ask(client, "Where is my order ta-o-3?", shopper(api_settings, "ta-s-1"))
    assert said["text"].startswith("Order ta-o-3 is returned (since 2026-10-15).")
    for date in ("2026-10-01", "2026-10-02", "2026-10-06", "2026-10-08"):  # delivered 10-06
        assert date in said["text"], date
    assert "2026-10-07" not in said["text"]  # an estimate means nothing once it has arrived
    assert {"ta-o-3", "ta-o-3>delivered", "ta-o-3>returned"} <= set(said["citations"])


def test_a_cancelled_and_a_delivered_order_say_when(client, api_settings):
    cancelled = ask(client, "Where is my order ta-o-4?", shopper(api_settings, "ta-s-1"))
    assert "2026-09-03" in cancelled["text"] and "2026-09-01" in cancelled["text"]
    delivered = ask(client, "Wann kommt meine Bestellung ta-o-2 an?", shopper(api_settings, "ta-s-2"))
    assert delivered["intent"] == "delivery_estimate" and delivered["language"] == "de"
    for date in ("2026-11-10", "2026-11-12", "2026-11-20", "2026-11-22"):  # ... promised 11-22
        assert date in delivered["text"], date
    assert "ta-o-2>delivered" in delivered["citations"]
    moving = ask(client, "When will ta-o-1 arrive?", shopper(api_settings, "ta-s-1"))
    for date in ("2026-11-21", "2026-11-23", "2026-11-26", "2026-11-28"):
        assert date in moving["text"], date


@pytest.mark.parametrize(("message", "lang", "name"), [
    ("What duties apply for Iceland?", "en", "Iceland"),
    ("Welche Zölle gelten für Island?", "de", "Island"),
    ("¿Qué aranceles hay para Islandia?", "es", "Islandia"),
    ("Quels droits de douane pour l'Islande ?", "fr", "Islande"),
    ("Que impostos de importação há para a Islândia?", "pt", "Islândia"),
    ("寄到冰岛的关税是多少？", "zh", "冰岛"),
    ("アイスランドの関税はいくらですか", "ja", "アイスランド"),
])
def test_countries_are_named_in_the_answers_language_and_checked(client, message, lang, name):
    said = ask(client, message)
    assert (said["intent"], said["language"], said["citations"]) == ("duties", lang, ["IS"])
    assert name in said["text"] and "24%" in said["text"]
    if lang != "en":
        assert "Iceland" not in said["text"]
    reply = Reply(said["text"], ["IS"], {"country": "IS"})
    names = {"IS": "Iceland"}
    assert refusal(said["text"], said["text"], reply, lang, names) is None
    # A rewording that swaps in another country, named in the same language, is refused
    # (Greenland is in no graph and not in the search vocabulary).
    other = {"en": "Greenland", "de": "Grönland", "es": "Groenlandia", "fr": "Groenland",
             "pt": "Groenlândia", "zh": "格陵兰", "ja": "グリーンランド"}[lang]
    swapped = said["text"].replace(name, other)
    assert refusal(swapped, said["text"], reply, lang, names) == f"countries differ: {['GL']}"


def test_an_aspect_question_counts_the_reviews_that_mention_it(client):
    said = ask(client, "Is ta-p-1 comfortable?")
    assert said["intent"] == "product_question"
    assert "Reviews on comfort: 3 mention it, 2 positive, 0 neutral, 1 negative." in said["text"]
    assert {"ta-p-1", "ta-r-1", "ta-r-2", "ta-r-3"} <= set(said["citations"])
    assert "ta-r-4" not in said["citations"]  # it says nothing about comfort
    ja = ask(client, "ta-p-1は履き心地がいいですか？")
    assert "快適さについてのレビュー：3 件が言及" in ja["text"]


def test_no_aspect_is_claimed_without_reviews_and_follow_ups_keep_the_product(client):
    battery = ask(client, "How long does the battery of ta-p-1 last?")
    assert "No review mentions battery life." in battery["text"]
    assert not any(c.startswith("ta-r-") for c in battery["citations"])
    first = ask(client, "Tell me about ta-p-1")
    follow = ask(client, "Does it feel comfortable?", conversation=first["conversationId"])
    assert follow["intent"] == "product_question" and "Reviews on comfort: 3" in follow["text"]
