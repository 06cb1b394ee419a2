"""A product or country the message names wins over the conversation's and the shopper's."""

from __future__ import annotations

import pytest

from api.assistant.understand import understand
from api_support import api_settings, shopper  # noqa: F401  (fixture)
from service_world import service_world  # noqa: F401  (fixture)
from test_assistant import ask, client  # noqa: F401  (fixture)


@pytest.mark.parametrize(("message", "code"), [
    ("customs duties in the US?", "US"), ("Do you ship to the USA?", "US"),
    ("¿Aranceles en EE. UU.?", "US"), ("¿Envían a Holanda?", "NL"),
    ("Can I ship to the UK?", "GB"), ("Enviar para os EUA?", "US"),
    # "Porto" is German for postage: a country name in the message beats a city alias.
    ("Ich wohne in die USA, was kostet das Porto?", "US"),
])
def test_country_short_forms_are_grounded(message, code):
    assert understand(message).countries == [code]


@pytest.mark.parametrize("message", [
    "How much is the Portokasse fee?", "a woman asked about duties", "Let us know the duties"])
def test_a_country_name_matches_only_as_a_whole_word(message):
    assert understand(message).countries == []


def test_a_named_product_beats_the_product_of_the_shoppers_order(client, api_settings):
    # ta-s-2's only order holds the shoes (ta-p-1); the message asks about the knife.
    said = ask(client, "Can I send back ta-p-2, I live in Arland",
               shopper(api_settings, "ta-s-2"))
    assert said["intent"] == "returns"
    assert "within 14 days" in said["text"] and "opened blades cannot be returned" in said["text"]
    assert "ta-c-knives@QM" in said["citations"] and "ta-o-2" not in said["citations"]


def test_a_named_country_that_cannot_be_grounded_is_asked_for(client, api_settings):
    who = shopper(api_settings, "ta-s-2")  # lives in Bovia (QN)
    said = ask(client, "What duties do I pay? I live in Springfield", who)
    assert said["intent"] == "duties" and "QN" not in said["citations"]
    assert said["text"] == ask(client, "What duties do I pay?")["text"]  # which country?
    returns = ask(client, "Can I return ta-p-1? I live in Springfield", who)
    assert "within" not in returns["text"] and returns["citations"] == []


@pytest.mark.parametrize("message", [
    "How much is ta-p-1 in my currency to Bovia?", "What is the total for ta-p-1 to Bovia?",
    "Why can't I order ta-p-2 to Bovia?", "¿Por qué no puedo pedir ta-p-2 a Bovia?",
    "Quanto custa ta-p-1 na minha moeda para Bovia?"])
def test_price_in_my_currency_and_cannot_order_are_shipping_questions(message):
    assert understand(message).intent == "ships_to"


def test_price_in_my_currency_and_a_restriction_are_answered_not_handed_off(client, api_settings):
    who = shopper(api_settings, "ta-s-2")  # pays in QND (1.08 per EUR)
    price = ask(client, "How much is ta-p-1 in my currency to Bovia?", who)
    assert (price["intent"], price["handoff"]) == ("ships_to", None)
    assert "13.50 QND" in price["text"] and "86.40 QND" in price["text"]
    why = ask(client, "Why can't I order ta-p-2 to Bovia?", who)
    assert why["intent"] == "ships_to" and why["text"].startswith("No,")
    assert "blades may not be imported" in why["text"]


def test_a_product_named_by_its_whole_title_is_grounded(client, api_settings):
    who = shopper(api_settings, "ta-s-2")  # whose only order holds the shoes, not the knife
    knife = ask(client, "Can I return the Folding pocket knife? I live in Arland", who)
    assert "within 14 days" in knife["text"] and "ta-c-knives@QM" in knife["citations"]
    assert knife["text"] == ask(client, "Can I return ta-p-2? I live in Arland", who)["text"]
    de = ask(client, "Kann das Taschenmesser nach Bovia geliefert werden?")
    assert de["intent"] == "ships_to" and "ta-p-2" in de["citations"]
    part = ask(client, "Can the pocket knife be shipped to Bovia?")  # not the whole title
    assert part["text"] == "Which product do you mean? Please give its product id."


@pytest.mark.parametrize(("message", "language", "product"), [
    ("Folding pocket knife能寄到Arland吗？", "zh", "ta-p-2"),  # no space: one word "knife能寄到"
    ("我想把Trail running shoe寄到Arland，可以吗", "zh", "ta-p-1"),
    ("Folding pocket knifeはArlandに送れますか？", "ja", "ta-p-2"),
    ("Trail running shoeをArlandに届けられますか", "ja", "ta-p-1"),
    ("Trail running shoe 能寄到Arland吗", "zh", "ta-p-1"),  # spaced: found before too
])
def test_a_latin_title_inside_chinese_or_japanese_is_grounded(client, message, language, product):
    """Chinese and Japanese put no space between a pasted English title and the sentence, so the
    title's last word and the sentence's first were one word and no title was whole."""
    said = ask(client, message)
    assert (said["intent"], said["language"]) == ("ships_to", language), said
    assert {product, "QM"} <= set(said["citations"]), said


@pytest.mark.parametrize(("message", "first"), [
    ("Where is ta-o-2: it is late", "ta-o-2"), ("Wo ist meine Bestellung ta-o-2?", "ta-o-2"),
    ("¿Dónde está mi pedido ta-o-2.?", "ta-o-2"), ("I ordered ta-p-1.", "ta-p-1")])
def test_punctuation_stuck_to_an_id_is_not_part_of_it(message, first):
    assert understand(message).id_words[0] == first


def test_an_order_id_followed_by_a_colon_is_the_shoppers_order(client, api_settings):
    said = ask(client, "Where is ta-o-2: any news?", shopper(api_settings, "ta-s-2"))
    assert said["intent"] == "order_status" and "ta-o-2" in said["citations"]


def test_a_number_in_the_message_is_no_order_unless_it_is_one_of_the_askers(client, api_settings):
    who = shopper(api_settings, "ta-s-2")  # one order, ta-o-2, sent with UPS
    said = ask(client, "Where is my order with the 30 cm knife?", who)
    assert "no order 30" not in said["text"] and "ta-o-2" in said["citations"]
    # An id shaped like an order's is still answered for what it is: not one of theirs.
    assert ask(client, "Where is my order ta-o-1?", who)["text"] == "I found no order ta-o-1 of yours."
