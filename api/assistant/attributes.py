"""Product attribute values in the shopper's language: "Farbe: Schwarz", not "black".

A product's colour, material, size, gender and age group are stored as the catalog wrote them
(the demo writes canonical English keys: "black", "merino wool", "women"). An answer says them
in the asker's language through the project's own multilingual tables: the demo vocabulary's
colours, materials and "for women" words (``loaders/demo_vocab.py``, the words the shop's titles
and descriptions are written with, so an answer and a description agree), the search
vocabulary's Chinese and Japanese words for colours and materials the demo never sells
(``api/nlq/vocabulary.json``), and ``attribute_words.json`` for age groups and size words. A
value is recognised by any of its words in any language ("Schwarz" in a catalog is black); one
no table knows is said as the catalog wrote it ("EU 42", "Midnight").
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from api.nlq.lexicon import VOCABULARY_FILE, fold, normalise
from loaders.demo_vocab import COLOURS, GENDER_WORDS, LABELS, MATERIALS

WORDS_FILE = Path(__file__).with_name("attribute_words.json")
# The attributes an answer states, in the order it states them.
ATTRIBUTES = ("colour", "material", "size", "gender", "age_group")
Table = dict[str, dict[str, str]]  # canonical value -> language -> word


def cjk_name(names: list[str], lang: str) -> str | None:
    """The Chinese (Han only) or Japanese (with kana, else Han) word among ``names``, if any.

    The search vocabulary's lists are deduplicated ("austria" is English and Spanish), so
    positions do not say languages; scripts do, for these two.
    """
    han = [n for n in names if re.fullmatch(r"[\u3400-\u9fff]+", n)]
    kana = [n for n in names if re.search(r"[\u3040-\u30ff]", n)]
    if lang == "zh":
        return han[0] if han else None
    return kana[0] if kana else han[0] if han else None


@cache
def _extra() -> dict[str, Table]:
    """attribute_words.json's sections ("labels", "age_group", "size"), "_about" left out."""
    data = json.loads(WORDS_FILE.read_text(encoding="utf-8"))
    return {name: table for name, table in data.items() if not name.startswith("_")}


@cache
def _tables() -> dict[str, Table]:
    """Every attribute's words per canonical value and language (gaps: no word)."""
    extra = _extra()
    vocab = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    tables: dict[str, Table] = {"colour": dict(COLOURS), "material": dict(MATERIALS),
                                "gender": dict(GENDER_WORDS), "age_group": extra["age_group"],
                                "size": extra["size"]}
    for name in ("colour", "material"):
        for key, words in vocab[name].items():
            if key in tables[name]:
                continue
            entry = {"en": key}
            for lang in ("zh", "ja"):
                word = cjk_name(words, lang)
                if word:
                    entry[lang] = word
            tables[name][key] = entry
    return tables


@cache
def _index() -> dict[str, dict[str, str]]:
    """attribute -> folded word (any language, the search vocabulary's too) -> canonical value."""
    vocab = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    index: dict[str, dict[str, str]] = {}
    for name, table in _tables().items():
        words = {_key(key): key for key in table}
        for key, by_lang in table.items():
            words |= {_key(word): key for word in by_lang.values()}
        for key, synonyms in vocab.get(name, {}).items():
            if key in table:
                words |= {_key(word): key for word in synonyms if _key(word) not in words}
        index[name] = words
    return index


def _key(word: str) -> str:
    return fold(normalise(word)).strip()


def canonical(attribute: str, value: str) -> str | None:
    """The canonical value a catalog's ``value`` of ``attribute`` stands for, if any table knows it."""
    return _index().get(attribute, {}).get(_key(value))


def attribute_word(attribute: str, value: str, lang: str) -> str:
    """``value`` of ``attribute`` as a shopper of ``lang`` reads it; as written where no word exists.

    Args:
        attribute: one of :data:`ATTRIBUTES`.
        value: the product's value as the catalog wrote it.
        lang: the answer's language.
    """
    key = canonical(attribute, value)
    if key is None:
        return value
    words = _tables()[attribute][key]
    return words.get(lang) or words.get("en") or value


def named_values(attribute: str, text: str) -> set[str]:
    """The canonical values of ``attribute`` that ``text`` names, by any of their words in any
    language: whole words in Latin scripts, anywhere in Chinese and Japanese."""
    folded = _key(text)
    found = set()
    for word, key in _index()[attribute].items():
        if not word or word not in folded:
            continue
        if word.isascii():
            if re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", folded):
                found.add(key)
        elif word in folded:
            found.add(key)
    return found


def attribute_label(attribute: str, lang: str) -> str | None:
    """The label an answer puts before a value ("Farbe"), None for who a product is for (the
    word says it: "für Damen")."""
    if attribute in LABELS:
        return LABELS[attribute][lang]
    labels = _extra()["labels"]
    return labels[attribute][lang] if attribute in labels else None


def described(product: dict[str, str | None], lang: str) -> tuple[list[str], dict[str, str]]:
    """The product's attributes as phrases in ``lang`` ("Farbe: Schwarz") and as facts
    (attribute -> the word the phrase says), in :data:`ATTRIBUTES` order; absent ones left out."""
    colon = "：" if lang in ("zh", "ja") else " : " if lang == "fr" else ": "
    phrases: list[str] = []
    facts: dict[str, str] = {}
    for name in ATTRIBUTES:
        value = product.get(name)
        if not value:
            continue
        word = attribute_word(name, value, lang)
        label = attribute_label(name, lang)
        phrases.append(f"{label}{colon}{word}" if label else word)
        facts[name] = word
    return phrases, facts

