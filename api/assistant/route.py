"""Routing a placed message to its intent's handler, with the product and order it is about.

:func:`route` decides which product and order an answer is about (the message's or the
conversation's product; for "it", one of the shopper's own: :mod:`api.assistant.choice`) and
:func:`handle` calls the intent's handler in :mod:`api.assistant.facts`, or asks back for a slot
it needs.
"""

from __future__ import annotations

from typing import Any

from api.assistant.aspects import MAX_REVIEWS, aspect_sentiment, aspects_asked
from api.assistant.choice import (
    NEEDS_PRODUCT,
    candidates,
    choices_reply,
    chosen_preamble,
    one_policy,
)
from api.assistant.facts import (
    Asker,
    Reply,
    duties_reply,
    order_context,
    order_reply,
    product_reply,
    returns_reply,
    shipping_reply,
    similar_reply,
)
from api.assistant.templates import say
from borderless.settings import Settings
from graph.session import GraphSession


async def route(session: GraphSession, settings: Settings, asker: Asker, intent: str,
                 slots: dict[str, Any], text: str, unknown_place: bool = False) -> Reply:
    """The handler for ``intent``, or a question back when a slot it needs is missing.

    A product or country in ``slots`` (the message's, over the conversation's) beats the
    asker's order and home country; ``unknown_place``: the message named a country that could
    not be grounded, so no default stands in for it.
    """
    lang = asker.language
    if intent == "human":
        return Reply("", handoff="human", handoff_reason="asked for a person")
    if intent in ("order_status", "delivery_estimate"):
        return await order_reply(session, asker, slots.get("order_id"))
    order = None
    product_id = slots.get("product_id")
    if product_id is None or intent == "returns":
        order = await order_context(session, asker, slots.get("order_id"))
    if product_id is None and intent in NEEDS_PRODUCT:
        # "it", with no product named here or before: one of the shopper's own, never a guess.
        choices = await candidates(session, asker, order if slots.get("order_id") else None)
        if len(choices) == 1:
            order = await order_context(session, asker, choices[0]["order_id"])
            reply = await handle(session, settings, asker, intent, slots, text, unknown_place,
                                  choices[0]["product_id"], order)
            if choices[0]["product_id"] not in reply.text:  # say which product it was about
                reply.text = chosen_preamble(choices[0], lang) + reply.text
            reply.citations = [*reply.citations, choices[0]["product_id"]]
            return reply
        if len(choices) > 1:
            if intent != "returns" or not await one_policy(
                    session, choices, slots.get("country")):
                return choices_reply(choices, lang)
            # The same policy whichever it is: answered for that policy's country and category.
            slots = {**slots, "country": slots.get("country") or choices[0]["country"]}
            return await handle(session, settings, asker, intent, slots, text, unknown_place,
                                 None, None, choices[0]["category_id"])
    elif product_id is None and order and order["lines"]:
        product_id = order["lines"][0]["product_id"]  # duties: the order's destination only
    return await handle(session, settings, asker, intent, slots, text, unknown_place,
                         product_id, order)


async def handle(session: GraphSession, settings: Settings, asker: Asker, intent: str,
                  slots: dict[str, Any], text: str, unknown_place: bool, product_id: str | None,
                  order: dict[str, Any] | None, category: str | None = None) -> Reply:
    """The intent's handler for ``product_id`` (None: none known) and the asker's ``order``
    (None: none applies); ``category``: the return policy's category when no product is known."""
    lang = asker.language
    if order and product_id is not None and all(
            ln["product_id"] != product_id for ln in order["lines"]):
        order = None  # the product asked about is not in that order: its policy, not the order's
    country = slots.get("country") or (None if unknown_place else (
        order["country"] if order else None) or asker.country)
    if intent == "duties":
        return await duties_reply(session, asker, country) if country else Reply(
            say("which_country", lang))
    if intent == "returns":
        if not country:
            return Reply(say("which_country", lang))
        cited: list[str] = []
        if order:
            line = next((ln for ln in order["lines"] if ln["product_id"] == product_id),
                        order["lines"][0] if order["lines"] else None)
            category = line["category_id"] if line else None
            cited = [order["id"]]
        elif product_id:
            product = await session.read("queries/assistant_product", product_id=product_id)
            category = product[0]["category_id"] if product else None
            cited = [product_id]
        return await returns_reply(session, asker, country, category, cited)
    if product_id is None:
        return Reply(say("which_product", lang))
    if intent == "ships_to":
        if not slots.get("country"):
            return Reply(say("which_country", lang))
        return await shipping_reply(session, asker, product_id, slots["country"])
    if intent == "similar":
        return await similar_reply(session, asker, product_id)
    asked = aspects_asked(text)
    if not asked:
        return await product_reply(session, asker, product_id)
    reviews = await session.read("queries/assistant_reviews", product_id=product_id,
                                 limit=MAX_REVIEWS)
    return await product_reply(session, asker, product_id,
                               await aspect_sentiment(settings, asked, reviews))
