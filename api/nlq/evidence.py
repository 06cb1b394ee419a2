"""Keeping only what a model's intent can point to in the query itself.

A small model copies values from its prompt and invents plausible ones ("Nike", "red") that are
real in the graph, so grounding alone would let them through. Before merging, each hard-filter
slot of the model's intent must be evidenced: its words appear in the query, or the rules parse
read the same thing from it. Soft slots (keywords, recipient, occasion, sort) only steer ranking
and pass as they are.
"""

from __future__ import annotations

import re

from api.nlq.intent import ATTRIBUTES, Intent
from api.nlq.lexicon import Lexicon, fold, normalise
from api.nlq.prices import parse_number

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_MULTIPLIERS = {"k": 1_000, "千": 1_000, "万": 10_000, "萬": 10_000}


def _numbers(text: str) -> set[float]:
    """Every amount written in the text, also times a following 千/万/k."""
    found: set[float] = set()
    for m in _NUMBER.finditer(text):
        try:
            value = parse_number(m.group(0))
        except ValueError:
            continue
        found.add(value)
        following = text[m.end():m.end() + 1]
        if following in _MULTIPLIERS:
            found.add(value * _MULTIPLIERS[following])
    return found


def _same(lexicon: Lexicon, kind: str, a: str | None, b: str | None) -> bool:
    """True when two words ground to a common value of ``kind``."""
    if not a or not b:
        return False
    left = {m.value for m in lexicon.lookup(a, kind)}
    return bool(left & {m.value for m in lexicon.lookup(b, kind)})


def keep_evidenced(model: Intent, by_rules: Intent, query: str, lexicon: Lexicon) -> tuple[Intent, list[str]]:
    """The model's intent without the hard-filter slots the query gives no evidence for.

    Returns:
        The cleaned intent and the names of the slots dropped (for the log).
    """
    text = fold(normalise(query))
    dropped: list[str] = []
    update: dict = {}

    def mentioned(word: str | None) -> bool:
        return bool(word) and fold(normalise(word)) in text

    brands = [b for b in model.brands
              if mentioned(b) or any(_same(lexicon, "brand", b, r) for r in by_rules.brands)]
    if brands != model.brands:
        dropped.append("brands")
        update["brands"] = brands
    if by_rules.categories and model.categories:
        # The rules read categories straight from their names; the model's guess is weaker.
        update["categories"] = []
        dropped.append("categories")
    for name in ATTRIBUTES:
        value = getattr(model, name)
        if value and not (mentioned(value) or _same(lexicon, name, value, getattr(by_rules, name))):
            update[name] = None
            dropped.append(name)
    if model.ship_to and not (mentioned(model.ship_to)
                              or _same(lexicon, "country", model.ship_to, by_rules.ship_to)):
        update["ship_to"] = None
        dropped.append("ship_to")
    amounts = _numbers(text)
    rules_read_a_price = by_rules.price_min is not None or by_rules.price_max is not None
    for name in ("price_min", "price_max"):
        value = getattr(model, name)
        # The rules read the cue word ("unter", "以内", "from"): which bound a number is, they
        # know; the model often sets both bounds to it.
        if value is not None and (value not in amounts or rules_read_a_price):
            update[name] = None
            dropped.append(name)
    currency = model.currency
    if currency and not (currency == by_rules.currency or mentioned(currency) or any(
            code == currency.upper() and word in text
            for word, code in lexicon.currency_words.items())):
        update["currency"] = None
        dropped.append("currency")
    return model.model_copy(update=update), dropped
