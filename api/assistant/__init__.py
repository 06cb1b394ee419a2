"""The customer-service assistant: a shopper's message in, a grounded answer out.

``answer`` is the one entry point (the GraphQL ``assistant`` mutation and the voice endpoint call
it). It reads the conversation's state from the graph, understands the message
(:mod:`api.assistant.understand`), grounds its slots in the graph (a product id must exist; an
order id is only ever looked up among the asker's own orders), routes by intent
(:mod:`api.assistant.route`) to a handler in :mod:`api.assistant.facts` whose sentence is built
from graph facts only, records the turn, and opens a ``Ticket`` holding the conversation when the
shopper asks for a person or the assistant cannot help. Follow-ups ("and to Austria?") carry no
intent of their own: they take the previous turn's intent and slots, with the new slot replacing
the old one.

"Cannot help" is decided by evidence, never by a list of words: no cue word and a classifier that
calls the message out of scope or is unsure; or a cue word whose intent is about a product or
country the message does not ground, and a classifier that does not back the cue. Then the
shopper reads an honest "I can't help with that" and gets a ticket, instead of a question back
("which product do you mean?") about something they never asked.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from api.assistant.aspects import aspects_asked
from api.assistant.facts import Asker, Reply, order_context
from api.assistant.classifier import MIN_PROBABILITY, classify, judge
from api.assistant.evidence import ORDER_SHAPED, corrected, implied
from api.assistant.grounding import phrase
from api.assistant.route import route
from api.assistant.templates import say
from api.assistant.understand import Understanding, understand
from api.nlq.lexicon import country_names
from borderless.settings import Settings
from graph.session import GraphSession
from language.intents import OUT_OF_SCOPE
from language.llm import language_model
from loaders.models import LANGUAGES

log = logging.getLogger(__name__)

__all__ = ["AssistantAnswer", "answer"]

MAX_MESSAGE = 2000
# Intents a bare slot ("and to Austria?", "and ta-p-2?") continues.
FOLLOWS_UP = frozenset({"ships_to", "returns", "duties", "order_status", "delivery_estimate",
                        "product_question", "similar"})
# The slots an intent is about: a cue word for it in a message that grounds none of them could be
# chance ("what is the meaning of life?"), so the classifier must back it.
ABOUT = {"product_question": ("product_id",), "similar": ("product_id",),
         "ships_to": ("product_id", "country"), "duties": ("country",),
         "returns": ("country", "product_id", "order_id")}


@dataclass
class AssistantAnswer:
    """What the assistant says, in which language, why (intent), from which nodes (citations)."""

    text: str
    language: str
    intent: str
    citations: list[str]
    handoff: str | None  # "human" (see ticket_id), "recommendations" (call similarProducts)
    conversation_id: str
    ticket_id: str | None = None
    facts: dict[str, str] = field(default_factory=dict)
    phrased_by: str | None = None  # the language model whose phrasing was sent, if any


async def answer(session: GraphSession, settings: Settings, conversation_id: str | None,
                 text: str, language: str | None, shopper_id: str | None) -> AssistantAnswer:
    """Answer one message of a conversation from graph facts, and record the turn.

    Args:
        session: the request's graph session.
        settings: base currency.
        conversation_id: the conversation to continue; None (or another asker's) starts one.
        text: the shopper's message.
        language: the language to answer in; None: the message's, else the shopper's, else en.
        shopper_id: the signed-in shopper, or None for an anonymous visitor (general questions).
    """
    text = text.strip()[:MAX_MESSAGE]
    conversation_id = conversation_id or f"conv-{secrets.token_urlsafe(12)}"
    state = (await session.read("queries/assistant_conversation",
                                conversation_id=conversation_id, shopper_id=shopper_id))[0]
    if state["someone_elses"]:  # never continue (or reveal) another asker's conversation
        conversation_id = f"conv-{secrets.token_urlsafe(12)}"
    heard = understand(text)
    lang = language if language in LANGUAGES else heard.language or state["language"] or "en"
    asker = Asker(shopper_id if state["known_shopper"] else None, lang,
                  state["currency"] or settings.base_currency, state["country"],
                  settings.base_currency)
    slots: dict[str, Any] = json.loads(state["slots"]) if state["slots"] else {}
    new_slots = await _ground(session, heard, text, asker)
    intent = heard.intent
    if intent and not _grounds(intent, new_slots):
        intent = intent if await _means_it(settings, text) else None  # None: cannot help
    elif intent is None and new_slots and state["intent"] in FOLLOWS_UP:
        intent = state["intent"]
    elif intent is None:
        intent = await classify(settings, text) or implied(new_slots)
    intent = corrected(intent, new_slots)
    if intent is None and "order_id" in new_slots and await order_context(
            session, asker, new_slots["order_id"]):
        # No cue, no confident class, but one of the asker's own orders named: that is evidence
        # ("Could you check on order ab-order-231-9 for me?" was handed to a person).
        intent = "order_status"
    if intent in ("order_status", "delivery_estimate") and "product_id" in new_slots \
            and "order_id" not in new_slots and aspects_asked(text):
        # "How long does the battery of ta-p-1 last?": "how long" is a delivery cue, but a
        # grounded product and an aspect of it, with no order, make it a product question.
        intent = "product_question"
    slots |= new_slots
    if heard.place_named and "country" not in new_slots:
        # "I live in Springfield": a place named but not grounded; asking beats answering for
        # the conversation's or the shopper's country, which the shopper just said is not theirs.
        slots.pop("country", None)
    reply = await route(session, settings, asker, intent, slots, text,
                         heard.place_named and "country" not in new_slots) if intent \
        else _cannot_help(lang)
    phrased_by = None
    if reply.text and settings.assistant_phrasing:
        phrased_by = await _phrase(session, settings, reply, lang)
    ticket_id = None
    if reply.handoff == "human":
        ticket_id = f"ticket-{secrets.token_urlsafe(9)}"
        reply.text = (reply.text + " " if reply.text else "") + say("handoff", lang, ticket=ticket_id)
    intent = intent or "human"
    await session.write("writes/assistant_turn", conversation_id=conversation_id,
                        shopper_id=shopper_id, intent=intent, slots=json.dumps(slots),
                        question=text, answer=reply.text, language=lang,
                        citations=reply.citations)
    if ticket_id:
        await session.write("writes/assistant_ticket", conversation_id=conversation_id,
                            ticket_id=ticket_id, reason=reply.handoff_reason or "asked for a person",
                            question=text)
    return AssistantAnswer(reply.text, lang, intent, list(dict.fromkeys(reply.citations)),
                           reply.handoff, conversation_id, ticket_id, reply.facts, phrased_by)


def _cannot_help(lang: str) -> Reply:
    """An honest "I can't help with that", handed to a person (the caller opens the ticket)."""
    return Reply(say("cannot_help", lang), handoff="human", handoff_reason="not understood")


def _grounds(intent: str, slots: dict[str, Any]) -> bool:
    """Whether the message itself grounds a slot ``intent`` is about (or it needs none)."""
    about = ABOUT.get(intent)
    return about is None or any(name in slots for name in about)


async def _means_it(settings: Settings, text: str) -> bool:
    """Whether a cue word's intent, in a message that grounds nothing it is about, is what the
    message asks: not if the classifier confidently calls it out of scope ("what is the meaning
    of life?" holds the product cue "what is" but no product, and is no product question; the
    shopper's last order would otherwise lend it one).

    An unsure classifier, or none, leaves the cue word as the evidence there is ("What duties will
    I pay?" is asked back for its country).
    """
    verdict = await judge(settings, text)
    return verdict is None or verdict[0] != OUT_OF_SCOPE or verdict[1] < MIN_PROBABILITY


async def _phrase(session: GraphSession, settings: Settings, reply: Reply, lang: str) -> str | None:
    """Let the configured model reword ``reply.text`` in place if every fact survives.

    Returns:
        The model's name when its text was kept, else None (the template stays).
    """
    model = await asyncio.to_thread(language_model, settings)
    if model is None:
        return None
    places = (await session.read("queries/nlq_lexicon_places"))[0]["countries"]
    names = {c["code"]: c["name"] for c in places}
    text, refused = await asyncio.to_thread(phrase, model, reply, lang, names,
                                            settings.nlq_timeout_s)
    if refused:
        log.info("assistant: %s phrasing refused (%s); template sent", model.name, refused)
        return None
    reply.text = text
    return model.name


async def _ground(session: GraphSession, heard: Understanding, text: str, asker: Asker) -> dict[str, Any]:
    """Slots the graph vouches for: a country it holds, a product id it holds, an order id (one
    shaped like an order's, or any other word with a digit that is one of the asker's orders)."""
    slots: dict[str, Any] = {}
    countries = list(heard.countries)
    if not countries:  # names the search vocabulary lacks: as the graph spells them, or CLDR's
        places = (await session.read("queries/nlq_lexicon_places"))[0]["countries"]
        lowered = unicodedata.normalize("NFKC", text).casefold()
        cldr = country_names()
        countries = [c["code"] for c in places if any(
            name and _names(unicodedata.normalize("NFKC", name).casefold(), lowered)
            for name in (c["name"], *cldr.get(c["code"], {}).values()))]
    if countries:
        slots["country"] = countries[0]
    if heard.id_words:
        products = {r["id"] for r in await session.read("queries/assistant_product_ids",
                                                        candidates=heard.id_words)}
        for word in heard.id_words:
            if word in products:
                slots.setdefault("product_id", word)
            elif ORDER_SHAPED.fullmatch(word) or await order_context(session, asker, word):
                # Never checked outside the asker's orders, so existence is not revealed.
                slots.setdefault("order_id", word)
            # Else a size or a number of a title ("30 cm", "128GB"): no order of the asker's.
    if "product_id" not in slots:
        product = await _product_by_title(session, text)
        if product:
            slots["product_id"] = product
    return slots


async def _product_by_title(session: GraphSession, text: str) -> str | None:
    """The one product whose whole title (in any language) the message holds, else None.

    The full-text indexes find candidates; only a title every word of which is in the message
    counts (a strict threshold: "knife" alone grounds no "Folding pocket knife"), and two such
    products ground neither, so the shopper is asked which one.
    """
    lowered = _norm(text)
    words = set(_SCRIPT_RUN.findall(lowered))
    if not words:
        return None
    rows = await session.read("queries/assistant_products_by_title",
                              indexes=[f"product_text_{lang}" for lang in LANGUAGES],
                              text=" OR ".join(sorted(words)), k=10)
    whole = {r["id"] for r in rows if any(_title_in(t, lowered, words) for t in r["titles"])}
    return whole.pop() if len(whole) == 1 else None


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# A word is a run of one script: Chinese and Japanese write no space between a pasted English
# title and the sentence around it ("...headphones, blue可以送到英国吗"), so "blue可以..." is two.
_SCRIPT_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]+|[^\W_\u3040-\u30ff\u3400-\u9fff]+")


def _title_in(title: str, lowered: str, words: set[str]) -> bool:
    """Whether the message (``lowered``, its script runs ``words``) holds every word of ``title``:
    each Latin (or other spaced-script) word as a word of the message, each Chinese or Japanese
    run anywhere in it, whatever the script around it ("Nordvik Trail Pad能寄到日本吗")."""
    runs = _SCRIPT_RUN.findall(_norm(title))
    return bool(runs) and all(run in lowered if _CJK.match(run) else run in words for run in runs)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _names(name: str, text: str) -> bool:
    """Whether ``text`` holds the country name ``name``: as a whole word in Latin scripts ("Oman"
    is no part of "woman"); anywhere for CJK names, unless two kana or fewer (タイ in ネクタイ)."""
    if name not in text:  # cheap, and spares compiling a pattern per country name
        return False
    if re.search(r"[\u3040-\u30ff\u3400-\u9fff]", name):
        return not re.fullmatch(r"[\u30a0-\u30ff]{1,2}", name)
    # Latin letters border a Latin name; kana and Han do not ("ta-p-2をBoviaに").
    return re.search(rf"(?<!{_LATIN}){re.escape(name)}(?!{_LATIN})", text) is not None


_LATIN = r"[0-9A-Za-z\u00c0-\u024f]"
