"""The query-time model is asked only where the rules are unsure, and its intents are cached.

A fake OpenAI-compatible endpoint (``fake_chat.py``) stands in for the model: it counts what it
was asked. Sure queries (one category phrase, or nothing left over) never reach it; unsure ones
(words left over and no category, or several categories) do, once per query and language; a
failed call is not remembered; slots the query gives no evidence for are dropped.
"""

from __future__ import annotations

import asyncio

import pytest
from fake_chat import FakeChat

from api.nlq import understand as understand_module
from api.nlq.lexicon import build_lexicon
from api.nlq.understand import understand

LEXICON = build_lexicon(
    [{"id": "b-umbrivo", "name": "Umbrivo", "aliases": []}],
    [{"id": "c-kettles", "name": "Kettles", "names": [["en", "Kettles"], ["de", "Wasserkocher"]]},
     {"id": "c-grills", "name": "Grills", "names": [["en", "Grills"], ["de", "Grills"]]}],
    [], [{"code": "EUR", "rate": 1.0}], {"colour": ["red"]})


@pytest.fixture
def chat():
    # The model names a category (with evidence: "barbecue" is in the query) and a brand the query
    # never mentions (no evidence: dropped).
    fake = FakeChat(lambda system, user: '{"categories": ["barbecue"], "brands": ["Umbrivo"]}')
    understand_module._intents.clear()
    yield fake
    fake.close()
    understand_module._intents.clear()


def run(query: str, lang: str, settings, model):
    return asyncio.run(understand(query, lang, LEXICON, settings, model))


def test_sure_queries_never_reach_the_model(chat, settings):
    model = chat.model("fake-understander")
    for query in ("red Kettles", "Umbrivo under 50 €", "Wasserkocher rot"):
        assert run(query, "en", settings, model).backend == "rules", query
    assert chat.asked == []


def test_an_unsure_query_asks_once_and_keeps_only_evidenced_slots(chat, settings):
    model = chat.model("fake-understander")
    first = run("something for a dad who loves barbecue", "en", settings, model)
    assert first.backend == model.name
    assert first.intent.categories == ["barbecue"] and first.intent.brands == []
    again = run("Something  for a dad who loves BARBECUE", "en", settings, model)
    assert again.intent == first.intent
    assert len(chat.asked) == 1  # the second, same once normalised, came from the cache
    run("something for a dad who loves barbecue", "de", settings, model)
    assert len(chat.asked) == 2  # another language is another question


def test_a_failed_call_falls_back_and_is_asked_again(chat, settings):
    model = chat.model("fake-understander")
    chat.answer = lambda system, user: None  # HTTP 500
    assert run("gift for a gardener", "en", settings, model).fallback_reason
    chat.answer = lambda system, user: '{"categories": ["grill"]}'
    run("gift for a gardener", "en", settings, model)
    assert len(chat.asked) == 2


def test_always_asks_the_model_when_configured(chat, settings):
    model = chat.model("fake-understander")
    run("red Kettles", "en", settings.model_copy(update={"nlq_model_when": "always"}), model)
    assert len(chat.asked) == 1
