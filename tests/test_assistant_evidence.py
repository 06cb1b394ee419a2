"""Intents from what a message grounds, and cue words for phrasings an outside set found missing.

Found on the development set (``bench/worlds/assistant-outside1``): a message naming a product
and a country with no cue word ("demo-product-191寄西班牙") was handed to a person; "where is order
X?" about another shopper's order too, though it must read like any unknown order; and an order
cue in a shipping question ("Pourquoi je ne peux pas commander X vers Argentine ?") was answered
with the shopper's newest order.
"""

from __future__ import annotations

import pytest

from api.assistant.understand import understand
from api_support import api_settings, shopper  # noqa: F401  (fixture)
from service_world import service_world  # noqa: F401  (fixture)
from test_assistant import ask, client  # noqa: F401  (fixture)


@pytest.mark.parametrize(("message", "language"), [
    ("ship ta-p-1 to Arland??", "EN"),
    ("ta-p-1 寄 Arland？？", "ZH"),
    ("moro em Arland, posso receber ta-p-1 aí e quanto vou pagar", "PT"),
])
def test_a_product_and_a_country_with_no_cue_word_ask_about_shipping(client, message, language):
    said = ask(client, message, language=language)
    assert said["intent"] == "ships_to" and said["handoff"] is None, said["text"]
    assert "ta-p-1" in said["text"] and "5" in said["text"]  # 5 days to Arland
    assert {"ta-p-1", "QM"} <= set(said["citations"])


def test_an_order_cue_with_a_product_and_a_country_but_no_order_is_a_shipping_question(
        client, api_settings):
    said = ask(client, "なぜta-p-2をBoviaに注文できないのですか？", shopper(api_settings, "ta-s-1"))
    assert said["intent"] == "ships_to" and said["language"] == "ja"
    assert said["text"].startswith("いいえ") and "刃物は輸入できません" in said["text"]
    assert "ta-o-1" not in said["text"]


def test_an_order_shaped_id_with_no_cue_word_is_an_order_question(client, api_settings):
    who = shopper(api_settings, "ta-s-2")
    theirs = ask(client, "where is order ta-o-1?", who)  # ta-s-1's order
    nobodys = ask(client, "where is order ta-o-404?", who)
    assert theirs["intent"] == nobodys["intent"] == "order_status"
    assert theirs["text"] == "I found no order ta-o-1 of yours." and theirs["handoff"] is None
    assert theirs["text"].replace("ta-o-1", "X") == nobodys["text"].replace("ta-o-404", "X")


@pytest.mark.parametrize(("message", "intent"), [
    ("dans combien de temps je reçois ta-o-1", "delivery_estimate"),
    ("ta-o-1大概几号到啊", "delivery_estimate"),
    ("¿cuánto tarda en llegar mi pedido?", "delivery_estimate"),
    ("y a-t-il un seuil de franchise pour Bovia ?", "duties"),
    ("我在Bovia，ta-p-1可以退吗？", "returns"),
    ("ta-p-1みたいな商品ありますか？", "similar"),
    ("荷物ta-o-1が止まってるみたいなんですが、どうなってますか", "order_status"),  # a hedge
])
def test_cue_words_for_phrasings_that_were_missed(message, intent):
    assert understand(message).intent == intent
