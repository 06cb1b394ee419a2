"""Letting a language model phrase an answer, and refusing every phrasing that changes a fact.

The templated answer is the truth: it was composed from graph facts only. A model may reword
it (friendlier, or smoother in the shopper's language), but before its text is sent it must keep,
exactly, every number and date of the template and add none; name no country the template does
not name (in any of the seven languages); say yes or no the same way; keep the policy's payer,
the order's status, and every id, carrier, tracking number and restriction reason verbatim. One
difference, a model error or a late reply, and the template goes instead. A 1.5B model once told
a shopper "yes, you can ship to Brazil" when the facts said no: here that text fails the yes/no
and the country checks.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from api.assistant.attributes import named_values
from api.assistant.facts import Reply
from api.assistant.templates import PAYER_WORDS, STATUS_WORDS
from api.assistant.understand import understand
from api.nlq.lexicon import country_names
from borderless.errors import ModelError
from language.llm import LanguageModel

LANGUAGE_NAMES = {"en": "English", "de": "German", "es": "Spanish", "fr": "French",
                  "pt": "Portuguese", "zh": "Chinese", "ja": "Japanese"}
SYSTEM = ("You rephrase a shop assistant's answer for a customer, in {language}, politely and "
          "briefly. Keep every number, date, id, country, yes or no, and policy exactly as "
          "written. Add no fact. Reply with the answer only.")
# Words that say yes (or "it can") and no, in any of the seven languages (a model may switch
# language). A no-answer may hold no yes-word at all, so "yes, ...: blades may not be imported"
# fails even though it says "not"; negated forms are taken out before yes-words are looked for.
YES = ("yes", "can", "ships", "possible", "available", "sure", "ja", "kann", "können", "möglich",
       "sí", "si", "puede", "puedes", "posible", "oui", "peut", "pouvez", "sim", "pode",
       "possível", "可以", "能", "はい", "できます")
NO = ("no", "not", "cannot", "nein", "nicht", "kein", "keine", "non", "pas", "não", "nao",
      "不", "无法", "いいえ", "できません")
NEGATED = ("can't", "can not", "cannot", "kann nicht", "können nicht", "no se puede", "no puede",
           "ne peut pas", "não pode", "não é", "不可以", "不能", "できません")
_NUMBER = re.compile(r"\d+(?:[.,:/\-]\d+)*")
# Fact names whose values must appear in the phrasing character for character.
# Attributes too: a reply cut short by the model's time limit kept the product id and dropped
# its colour and material, and passed (bench/assistant.py --phrase-with-model, 2026-12-06).
# Attribute facts are the words the answer said them in ("Schwarz" in German), so a phrasing in
# the asker's language keeps them and one that swaps them ("Rot") is refused.
VERBATIM = ("order", "product", "carrier", "tracking", "reason", "exceptions", "note", "colour",
            "material", "size", "gender", "age_group")
# Attributes a phrasing may name no more values of than the template does ("black and red").
NAMED = ("colour", "material")


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _has_word(text: str, word: str) -> bool:
    if word not in text:  # spares compiling a pattern per CLDR name (re's cache holds 512)
        return False
    if not word.isascii():
        return word in text
    return re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text) is not None


def refusal(candidate: str, template: str, reply: Reply, lang: str,
            country_names: dict[str, str]) -> str | None:
    """Why ``candidate`` may not replace ``template`` (None: it keeps every fact, adds none).

    Args:
        country_names: code -> name of the graph's countries, to catch names the search
            vocabulary lacks.
    """
    cand, tmpl = _norm(candidate), _norm(template)
    if not cand.strip() or len(cand) > 3 * len(tmpl) + 200:
        return "empty or far longer than the answer"
    if set(_NUMBER.findall(cand)) != set(_NUMBER.findall(tmpl)):
        return (f"numbers differ: {sorted(set(_NUMBER.findall(cand)))} vs "
                f"{sorted(set(_NUMBER.findall(tmpl)))}")
    for name in VERBATIM:
        value = reply.facts.get(name)
        if value and _norm(value) not in cand:
            return f"{name} {value!r} is missing"
    for name in NAMED:
        if name in reply.facts:
            added = named_values(name, candidate) - named_values(name, template)
            if added:
                return f"{name} added: {sorted(added)}"
    said = _countries(cand, country_names)
    if said != _countries(tmpl, country_names):
        return f"countries differ: {sorted(said)}"
    answer = reply.facts.get("ships")
    if answer is not None:
        affirmative = cand
        for negated in NEGATED:
            affirmative = affirmative.replace(negated, " ")
        yes = any(_has_word(affirmative, w) for w in YES)
        no = any(_has_word(cand.replace("can't", "cannot"), w) for w in NO)
        if not ((no and not yes) if answer == "no" else (yes and not no)):
            return f"the facts say {answer}; the phrasing says otherwise"
    paid_by = reply.facts.get("paid_by")
    if paid_by is not None:
        words = PAYER_WORDS[lang]
        other = "shop" if paid_by == "shopper" else "shopper"
        if _norm(words[paid_by]) not in cand or _norm(words[other]) in cand:
            return f"who pays the return ({paid_by}) is not kept"
    status = reply.facts.get("status")
    if status is not None:
        def named(text: str) -> set[str]:
            return {s for s, w in STATUS_WORDS[lang].items() if _norm(w) in text}
        if status not in named(cand) or named(cand) != named(tmpl):
            return f"the order's status ({status}) is not kept"
    return None


def _countries(text: str, names: dict[str, str]) -> set[str]:
    """Countries ``text`` names: by the search vocabulary, the graph's names, and every CLDR
    name in the seven languages (answers name countries in the shopper's language, and a model
    may swap in one the vocabulary lacks: "Grönland" for "Island")."""
    found = set(understand(text).countries)
    found |= {code for code, name in names.items() if name and _has_word(text, _norm(name))}
    return found | {code for name, code in _cldr_names() if _has_word(text, name)}


@cache
def _cldr_names() -> tuple[tuple[str, str], ...]:
    """(normalised CLDR name, code) for every country and language, short kana names left out
    (タイ, Thailand, sits inside ネクタイ, necktie)."""
    return tuple((_norm(name), code) for code, by_lang in country_names().items()
                 for name in set(by_lang.values()) if not re.fullmatch(r"[\u30a0-\u30ff]{1,2}", name))


def phrase(model: LanguageModel, reply: Reply, lang: str, country_names: dict[str, str],
           timeout_s: float) -> tuple[str, str | None]:
    """The model's phrasing of ``reply.text`` if it keeps every fact, else the template.

    Blocking (the model runs here): the assistant calls it in a worker thread.

    Returns:
        The text to send, and why the model's text was refused (None when it was used).
    """
    try:
        candidate = model.complete(SYSTEM.format(language=LANGUAGE_NAMES[lang]), reply.text,
                                   max_tokens=200, timeout_s=timeout_s).strip()
    except ModelError as e:
        return reply.text, f"model error: {e}"
    why = refusal(candidate, reply.text, reply, lang, country_names)
    return (reply.text, why) if why else (candidate, None)
