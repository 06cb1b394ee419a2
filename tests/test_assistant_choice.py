"""A question about "it" from a signed-in shopper, with no product named here or before.

Before, the assistant silently answered for the first line of the shopper's newest order. Now
several candidates (the shopper's recent products) are offered as choices, each cited; exactly
one is used, and the answer says which.
"""

from __future__ import annotations

from api_support import api_settings, shopper  # noqa: F401  (fixture)
from service_world import service_world  # noqa: F401  (fixture)
from test_assistant import ask, client  # noqa: F401  (fixture)


def test_several_products_of_the_shopper_are_offered_as_choices_then_the_answer_follows(
        client, api_settings):
    who = shopper(api_settings, "ta-s-1")  # ta-o-1 holds ta-p-1 and ta-p-2
    said = ask(client, "Can it be shipped to Arland?", who, language="EN")
    assert said["intent"] == "ships_to" and said["handoff"] is None
    assert said["text"].startswith("Which product do you mean?"), said["text"]
    assert "ta-p-1" in said["text"] and "ta-p-2" in said["text"]
    assert "Yes," not in said["text"] and "No," not in said["text"]  # nothing answered yet
    assert {"ta-p-1", "ta-p-2", "ta-o-1"} <= set(said["citations"])
    chosen = ask(client, "ta-p-2", who, conversation=said["conversationId"], language="EN")
    assert chosen["intent"] == "ships_to" and "ta-p-2" in chosen["text"]
    assert "Arland" in chosen["text"] and "ta-p-1" not in chosen["text"]


def test_the_choice_is_offered_in_the_askers_language_for_product_questions_too(
        client, api_settings):
    said = ask(client, "Aus welchem Material ist es?", shopper(api_settings, "ta-s-1"))
    assert said["language"] == "de" and said["intent"] == "product_question"
    assert said["text"].startswith("Welches Produkt meinen Sie? Ihre letzten:"), said["text"]
    assert "Trailrunning-Schuh (ta-p-1)" in said["text"] and "Taschenmesser (ta-p-2)" in said["text"]


def test_the_one_product_of_the_shopper_is_used_and_named(client, api_settings):
    who = shopper(api_settings, "ta-s-2")  # one order, one product: ta-p-1
    ships = ask(client, "Can it be shipped to Arland?", who)
    assert ships["intent"] == "ships_to" and "ta-p-1" in ships["text"]
    assert ships["text"].startswith("Yes,") and "ta-p-1" in ships["citations"]
    back = ask(client, "How do I return it?", who)
    assert back["intent"] == "returns"
    assert back["text"].startswith("About Trail running shoe (ta-p-1), from your order ta-o-2: ")
    assert "within 14 days" in back["text"] and "ta-p-1" in back["citations"]


def test_a_return_is_answered_without_asking_when_every_choice_has_the_same_policy(
        client, api_settings):
    """Into Bovia (QN) both of ta-s-1's products fall under the country's general policy."""
    said = ask(client, "Can I return it to Bovia?", shopper(api_settings, "ta-s-1"), language="EN")
    assert said["intent"] == "returns" and "within 14 days" in said["text"]
    assert "*@QN" in said["citations"] and "Which product" not in said["text"]
    knives = ask(client, "Can I return it?", shopper(api_settings, "ta-s-1"), language="EN")
    assert knives["text"].startswith("Which product do you mean?")  # QM: 30 days or 14
