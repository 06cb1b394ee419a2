"""Answers in the shopper's language all the way: attribute values, policy exceptions and
restriction reasons.

Before, a German answer said "Blau" nowhere: it listed the catalog's "blue, mesh, 42", and every
return policy's exceptions were English in every language. Attribute values are now said
through the demo vocabulary's words (the words the shop's own texts use), a policy's exceptions
in the catalog's ``exceptions_<lang>`` (English, marked as such, where the catalog has none), and
the phrasing check holds the localized words as the facts. A restriction's reason likewise comes
from the catalog's ``reason_<lang>`` (English, marked as such, where it has none).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.app import create_app
from api.assistant.facts import Reply
from api.assistant.grounding import refusal
from api.assistant.templates import say
from api.settings import ApiSettings
from api_support import api_settings, shopper  # noqa: F401  (fixture)
from borderless.settings import Settings
from loaders.demo_vocab import COLOURS, GENDER_WORDS, MATERIALS
from loaders.models import LANGUAGES, known_fields
from loaders.models import RestrictionRow
from loaders.models_service import ReturnPolicyRow
from service_world import service_world  # noqa: F401  (fixture)
from test_assistant import ask

# The knives policy's exceptions into QM, as tests/data/service/return_policies.csv gives them.
KNIFE_EXCEPTIONS = {
    "en": "opened blades cannot be returned",
    "de": "geöffnete Klingen sind vom Umtausch ausgeschlossen",
    "es": "las cuchillas abiertas no se pueden devolver",
    "fr": "les lames ouvertes ne peuvent pas être retournées",
    "pt": "lâminas abertas não podem ser devolvidas",
    "zh": "已拆封的刀具不可退货", "ja": "開封済みの刃物は返品できません"}
# Why the knife may not go to QN, as tests/data/service/restrictions.csv gives it.
KNIFE_REASONS = {
    "en": "blades may not be imported", "de": "Klingen dürfen nicht eingeführt werden",
    "es": "no se permite importar cuchillas", "fr": "les lames ne peuvent pas être importées",
    "pt": "lâminas não podem ser importadas", "zh": "刀具不得进口", "ja": "刃物は輸入できません"}
AGE_ADULT = {"en": "adults", "de": "Erwachsene", "es": "adultos", "fr": "adultes",
             "pt": "adultos", "zh": "成人", "ja": "大人"}


@pytest.fixture(scope="module")
def client(service_world: None, settings: Settings,
           api_settings: ApiSettings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, api_settings)) as test_client:
        yield test_client


@pytest.mark.parametrize("lang", LANGUAGES)
def test_product_attributes_are_said_in_the_askers_language(client, lang):
    said = ask(client, "Tell me about ta-p-1", language=lang.upper())
    assert (said["intent"], said["language"]) == ("product_question", lang)
    text = said["text"]
    for word in (COLOURS["blue"][lang], MATERIALS["mesh"][lang], GENDER_WORDS["unisex"][lang],
                 AGE_ADULT[lang], "42"):
        assert word in text, (word, text)
    if lang != "en":  # the catalog's English value is not what a German shopper reads
        assert "blue" not in text.casefold() and "adults" not in text.casefold(), text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_policy_exceptions_in_the_askers_language(client, api_settings, lang):
    said = ask(client, "How do I return ta-p-2?", shopper(api_settings, "ta-s-1"),
               language=lang.upper())
    assert said["intent"] == "returns" and "ta-c-knives@QM" in said["citations"]
    assert say("exceptions", lang, items=KNIFE_EXCEPTIONS[lang]) in said["text"]
    if lang != "en":
        assert KNIFE_EXCEPTIONS["en"] not in said["text"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_exceptions_without_a_translation_are_english_and_say_so(client, lang):
    said = ask(client, "Can I return ta-p-1 to Bovia?", language=lang.upper())
    assert said["intent"] == "returns" and "*@QN" in said["citations"]
    marked = "exceptions" if lang == "en" else "exceptions_en"
    items = ("、" if lang in ("zh", "ja") else ", ").join(["final-sale items", "gift cards"])
    assert say(marked, lang, items=items) in said["text"], said["text"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_restriction_reasons_in_the_askers_language(client, lang):
    """Before, every language's "no" gave the catalog's English reason."""
    said = ask(client, "Can ta-p-2 be shipped to Bovia?", language=lang.upper())
    assert (said["intent"], said["language"]) == ("ships_to", lang)
    assert {"ta-p-2", "QN"} <= set(said["citations"])
    assert f"{KNIFE_REASONS[lang]}" in said["text"], said["text"]
    if lang != "en":
        assert KNIFE_REASONS["en"] not in said["text"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_reason_without_a_translation_is_english_and_says_so(client, lang):
    said = ask(client, "Can ta-p-1 be shipped to Celand?", language=lang.upper())
    assert said["intent"] == "ships_to", said
    reason = "no local certification for this shoe"
    assert say("reason_en", lang, reason=reason) in said["text"], said["text"]


def test_the_fact_check_keeps_a_localized_reason_verbatim():
    template = say("ships_restricted", "fr", product="Couteau (ta-p-2)", country="Bovia",
                   reason=KNIFE_REASONS["fr"])
    reply = Reply(template, facts={"ships": "no", "product": "ta-p-2", "country": "QN",
                                   "reason": KNIFE_REASONS["fr"]})
    assert refusal(template, template, reply, "fr", {"QN": "Bovia"}) is None
    english = template.replace(KNIFE_REASONS["fr"], KNIFE_REASONS["en"])
    assert refusal(english, template, reply, "fr", {"QN": "Bovia"}) == (
        f"reason {KNIFE_REASONS['fr']!r} is missing")


def test_catalog_rows_carry_restriction_reasons_per_language():
    row = RestrictionRow.model_validate({
        "product_id": "p", "country": "QM", "reason": "blades may not be imported",
        "reason_de": "Klingen dürfen nicht eingeführt werden", "reason_ja": "刃物は輸入できません",
        "reason_fr": ""})  # an empty cell: no French reason, English said instead
    assert row.reasons == {"de": "Klingen dürfen nicht eingeführt werden", "ja": "刃物は輸入できません"}
    assert "reason_pt" in known_fields(RestrictionRow)  # a CSV column, not a typo
    with pytest.raises(ValidationError, match="unknown language code"):
        RestrictionRow.model_validate({"product_id": "p", "country": "QM", "reason": "a",
                                       "reason_xx": "b"})
    with pytest.raises(ValidationError, match="reason_en"):
        RestrictionRow.model_validate({"product_id": "p", "country": "QM", "reason": "a",
                                       "reason_en": "b"})


def test_the_fact_check_accepts_the_localized_words_and_refuses_a_changed_one():
    template = ("Trailrunning-Schuh (ta-p-1): Grippy sole, breathable mesh., Farbe: Blau, "
                "Material: Mesh, Größe: 42, Unisex, Altersgruppe: Erwachsene.")
    reply = Reply(template, facts={"product": "ta-p-1", "colour": "Blau", "material": "Mesh",
                                   "size": "42", "gender": "Unisex", "age_group": "Erwachsene"})
    kept = ("Der Trailrunning-Schuh (ta-p-1) ist Blau, aus Mesh, Größe 42, Unisex, "
            "für Erwachsene.")
    assert refusal(kept, template, reply, "de", {}) is None
    swapped = kept.replace("Blau", "Rot")
    assert refusal(swapped, template, reply, "de", {}) == "colour 'Blau' is missing"
    added = kept.replace("ist Blau", "ist Blau und Rot")
    assert refusal(added, template, reply, "de", {}) == "colour added: ['red']"
    for_kids = kept.replace("für Erwachsene", "für Kinder")
    assert refusal(for_kids, template, reply, "de", {}) == "age_group 'Erwachsene' is missing"


def test_the_fact_check_keeps_localized_exceptions_verbatim():
    template = ("Devoluciones desde Moria: en 14 días; envío de devolución: lo paga usted."
                f" Excepciones: {KNIFE_EXCEPTIONS['es']}.")
    reply = Reply(template, facts={"country": "QM", "window_days": "14", "paid_by": "shopper",
                                   "exceptions": KNIFE_EXCEPTIONS["es"]})
    dropped = "Puede devolverlo desde Moria en 14 días; lo paga usted."
    assert refusal(dropped, template, reply, "es", {"QM": "Moria"}) == (
        f"exceptions {KNIFE_EXCEPTIONS['es']!r} is missing")


def test_catalog_rows_carry_exceptions_per_language():
    row = ReturnPolicyRow.model_validate({
        "country": "QM", "window_days": "14", "paid_by": "shopper",
        "exceptions": "gift cards|used items", "exceptions_de": "Geschenkkarten|Gebrauchtes",
        "exceptions_ja": ["ギフトカード"]})
    assert row.exceptions == ["gift cards", "used items"]
    assert row.exceptions_by_language == {"de": ["Geschenkkarten", "Gebrauchtes"],
                                          "ja": ["ギフトカード"]}
    assert "exceptions_pt" in known_fields(ReturnPolicyRow)  # a CSV column, not a typo
    with pytest.raises(ValidationError, match="unknown language code"):
        ReturnPolicyRow.model_validate({"country": "QM", "window_days": 14, "paid_by": "shop",
                                        "exceptions_xx": "a"})
    with pytest.raises(ValidationError, match="exceptions_en"):
        ReturnPolicyRow.model_validate({"country": "QM", "window_days": 14, "paid_by": "shop",
                                        "exceptions": "a", "exceptions_en": "b"})
