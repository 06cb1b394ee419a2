"""From a query to an :class:`Intent`, through the configured backend, with ``rules`` as fallback.

The rules parse every query; a model backend is asked only when the rules are unsure (no
category phrase while words are left over: a kind no name spells out, a gift or a use; or several
categories), unless ``BORDERLESS_NLQ_MODEL_WHEN=always``. Its intents are cached per model,
normalised query and language, so a repeated query costs no second generation.

A model backend (``local`` or ``openai``) gets a short prompt and must answer JSON that validates
against the intent's schema. Late, broken or invalid output falls back to the rules parser. Hard
filters the query gives no evidence for are dropped (``evidence.py``: small models copy and
invent), slots the model left empty are filled from the rules parse (models miss colours now and
then), and grounding later drops anything neither the graph nor the lexicon knows.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections import OrderedDict
from dataclasses import dataclass, field

from pydantic import ValidationError

from api.nlq import rules
from api.nlq.evidence import keep_evidenced
from api.nlq.intent import Intent
from api.nlq.lexicon import Lexicon, normalise
from borderless.errors import ModelError
from borderless.settings import Settings
from language.llm import LanguageModel

log = logging.getLogger(__name__)

SYSTEM = (
    "Extract the shopping intent of the user's search as one JSON object. Keys (omit unstated): "
    "categories, brands, keywords (lists of strings); colour, material, size, gender, age_group, "
    "currency (ISO code), ship_to (country), recipient, occasion (strings in English); "
    "price_min, price_max (numbers); sort (price_asc, price_desc, rating). JSON only."
)
EXAMPLES = (
    ("rote Nike Laufschuhe unter 80 €",
     '{"categories":["running shoes"],"brands":["Nike"],"colour":"red","price_max":80,"currency":"EUR"}'),
)
MAX_TOKENS = 80
_JSON_OBJECT = re.compile(r"\{.*\}", re.DOTALL)
CACHED_INTENTS = 4096
_intents: OrderedDict[tuple[str, str, str | None], Understood] = OrderedDict()


@dataclass
class Understood:
    """The intent, which backend produced it, and which fields the rules parse filled in."""

    intent: Intent
    backend: str
    filled_by_rules: set[str] = field(default_factory=set)
    fallback_reason: str | None = None


def parse_model_output(text: str) -> Intent:
    """The intent in a model's reply (the first JSON object in it), validated.

    Raises:
        ValueError: no JSON object, malformed JSON, or a value outside the intent's schema.
    """
    found = _JSON_OBJECT.search(text)
    if not found:
        raise ValueError("no JSON object in the model's reply")
    try:
        data = json.loads(found.group(0))
    except json.JSONDecodeError as e:
        raise ValueError(f"model's JSON does not parse: {e.msg}") from e
    if not isinstance(data, dict):
        raise ValueError("model's JSON is not an object")
    data = {k: v for k, v in data.items() if v not in (None, "", [])}
    for key in ("categories", "brands", "keywords"):
        if isinstance(data.get(key), str):
            data[key] = [data[key]]
    try:
        return Intent.model_validate(data)
    except ValidationError as e:
        raise ValueError(f"model's intent fails the schema: {e.error_count()} error(s)") from e


def merge(model_intent: Intent, rules_intent: Intent) -> tuple[Intent, set[str]]:
    """The model's intent with its empty slots taken from the rules parse; which were taken."""
    update: dict = {}
    for name in Intent.model_fields:
        mine, theirs = getattr(model_intent, name), getattr(rules_intent, name)
        empty = mine in (None, [], "relevance")
        if empty and theirs not in (None, [], "relevance"):
            update[name] = theirs
    if "price_max" in update or "price_min" in update:
        # A price read by the rules comes with the currency it was written in.
        update["currency"] = rules_intent.currency
    return model_intent.model_copy(update=update), set(update)


def rules_are_unsure(intent: Intent) -> bool:
    """Whether the rules left the kind of product open: words left over and no category phrase
    (a kind no name spells out, a gift or a use), or several category phrases."""
    return len(intent.categories) > 1 or (not intent.categories and bool(intent.keywords))


async def understand(query: str, lang: str | None, lexicon: Lexicon, settings: Settings,
                     model: LanguageModel | None) -> Understood:
    """The intent of ``query`` from ``model`` (or the rules when it is ``None``, not needed, or
    fails)."""
    parsed_by_rules = rules.parse(query, lang, lexicon)
    if model is None or (settings.nlq_model_when == "unsure"
                         and not rules_are_unsure(parsed_by_rules)):
        return Understood(parsed_by_rules, "rules")
    key = (model.name, normalise(query), lang)
    if key in _intents:
        _intents.move_to_end(key)
        return _intents[key]
    understood = await _ask_model(query, parsed_by_rules, lexicon, settings, model)
    if understood.fallback_reason is None:  # a failure is retried next time, not remembered
        _intents[key] = understood
        while len(_intents) > CACHED_INTENTS:
            _intents.popitem(last=False)
    return understood


async def _ask_model(query: str, parsed_by_rules: Intent, lexicon: Lexicon, settings: Settings,
                     model: LanguageModel) -> Understood:
    try:
        reply = await asyncio.wait_for(
            asyncio.to_thread(model.complete, SYSTEM, query[:300], max_tokens=MAX_TOKENS,
                              timeout_s=settings.nlq_timeout_s, examples=EXAMPLES),
            timeout=settings.nlq_timeout_s + 1.0)
        model_intent = parse_model_output(reply)
    except TimeoutError:
        return _fallback(parsed_by_rules, f"{model.name} timed out")
    except (ModelError, ValueError) as e:
        return _fallback(parsed_by_rules, f"{model.name}: {e}")
    model_intent, dropped = keep_evidenced(model_intent, parsed_by_rules, query, lexicon)
    if dropped:
        log.info("model slots without evidence in the query dropped: %s", ", ".join(dropped))
    merged, filled = merge(model_intent, parsed_by_rules)
    return Understood(merged, model.name, filled)


def _fallback(intent: Intent, reason: str) -> Understood:
    log.warning("query understanding fell back to rules: %s", reason)
    return Understood(intent, "rules", fallback_reason=reason)
