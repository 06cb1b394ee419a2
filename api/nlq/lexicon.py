"""The dictionaries the rules parser and the grounding share, built from the graph.

A :class:`Lexicon` maps normalised phrases (any language, common inflections) to what they mean:
a brand id, category ids, a country or currency code, or an attribute value that products really
carry. It is built from rows read from Neo4j plus ``vocabulary.json`` (words for colours,
materials, countries, ... per language), so nothing outside the graph can come out of it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from api.nlq.category_names import unique_parts
from api.nlq.inflect import has_cjk, inflections

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.json")
COUNTRY_NAMES_FILE = Path(__file__).with_name("country_names.json")
CURRENCY_NAMES_FILE = Path(__file__).with_name("currency_names.json")

# Kinds a phrase can mean, in the order that wins when one phrase means several things
# ("jeans": a category before the denim material; "Omã", folded "oma", Oman before grandma).
KINDS = ("brand", "category", "colour", "material", "gender", "age_group", "country",
         "recipient", "occasion", "sort", "currency")

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# A French article or pronoun elided before a vowel: "l'", "d'", "qu'" (folded text).
ELISION = re.compile(r"\b(?:qu|[cdjlmnst])['’]")
# Particles and marks that end or join Chinese and Japanese words: a one-character phrase next
# to one of these (or to no CJK character at all) stands as a word of its own ("红的", "父へ",
# "犬用", "子供向け犬").
CJK_WORD_EDGES = (*"的了和与給给送のをにへとでがはもや用", "向け")
_CJK_CLASS = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
_SCRIPT_EDGE = re.compile(rf"(?<=[a-z])(?=[{_CJK_CLASS}])|(?<=[{_CJK_CLASS}])(?=[a-z])")


def normalise(text: str) -> str:
    """NFKC, casefolded, whitespace collapsed; Latin and CJK runs split ("nike跑步鞋" -> two)."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return " ".join(_SCRIPT_EDGE.sub(" ", text).split())


def fold(text: str) -> str:
    """``text`` with accents dropped from Latin letters, character for character (same length,
    so offsets found in the folded text hold in the original). Kana voicing marks stay."""
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        base = unicodedata.normalize("NFD", ch)
        out.append(base[0] if len(base) > 1 and base[0].isascii() else ch)
    return "".join(out)


def phrase_key(text: str) -> str:
    """How a phrase is stored and looked up: normalised, folded, Latin words joined by single
    spaces ("T-Fal" and "t fal" meet), CJK runs as written."""
    text = fold(normalise(text))
    if has_cjk(text):
        return text
    return " ".join(_TOKEN.findall(text))


@dataclass(frozen=True)
class Meaning:
    """What a phrase stands for: a kind and its grounded value (id, code or attribute value)."""

    kind: str
    value: str


@dataclass
class Match:
    """A phrase found in a query: where, what it said, what it means."""

    start: int
    end: int
    text: str
    meanings: list[Meaning]


@dataclass
class Lexicon:
    """Normalised phrase -> meanings, plus display names and rates for grounded values."""

    phrases: dict[str, list[Meaning]] = field(default_factory=dict)
    cjk_phrases: list[str] = field(default_factory=list)
    display: dict[tuple[str, str], str] = field(default_factory=dict)
    currency_rates: dict[str, float] = field(default_factory=dict)
    currency_words: dict[str, str] = field(default_factory=dict)
    countries: set[str] = field(default_factory=set)
    attribute_values: dict[str, dict[str, str]] = field(default_factory=dict)
    # Per category: its names and enriched words in every language (grounding by meaning reads
    # them), its parent, and the categories products sit in directly.
    category_texts: dict[str, list[str]] = field(default_factory=dict)
    category_parent: dict[str, str] = field(default_factory=dict)
    holding_categories: set[str] = field(default_factory=set)
    # Forms of colour/material words made by adding an ending ("blue" -> "blues"): adjectives
    # agree in German and the Romance languages, never in English ("blues harp", "roses").
    inflected_adjectives: set[str] = field(default_factory=set)
    max_words: int = 1
    # What is derived from this lexicon once and reused while it lives (category vectors).
    derived: dict[str, Any] = field(default_factory=dict, repr=False)
    _cjk_sorted: list[str] = field(default_factory=list, repr=False)
    _cjk_set: set[str] = field(default_factory=set, repr=False)

    def add(self, phrase: str, kind: str, value: str, *, inflect: bool = True,
            lang: str | None = None, strip: bool = True) -> None:
        base = phrase_key(phrase)
        if not base:
            return
        meaning = Meaning(kind, value)
        for form in inflections(base, lang, strip=strip) if inflect else {base}:
            meanings = self.phrases.setdefault(form, [])
            if meaning not in meanings:
                meanings.append(meaning)
                meanings.sort(key=lambda m: KINDS.index(m.kind) if m.kind in KINDS else len(KINDS))
            if has_cjk(form) and form not in self._cjk_set:
                self._cjk_set.add(form)
                self.cjk_phrases.append(form)
            self.max_words = max(self.max_words, form.count(" ") + 1)

    def lookup(self, phrase: str, kind: str | None = None) -> list[Meaning]:
        """Meanings of a phrase written any way (case, accents, inflection), optionally of one kind."""
        meanings = self.phrases.get(phrase_key(phrase), [])
        return [m for m in meanings if kind is None or m.kind == kind]

    def find(self, text: str) -> list[Match]:
        """Non-overlapping phrases in ``text`` (already normalised), longest first.

        Matching runs on the folded text; each match's ``text`` is the original surface.
        """
        surface, text = text, fold(text)
        taken = [False] * len(text)
        found: list[Match] = []

        def claim(start: int, end: int, phrase: str) -> None:
            if any(taken[start:end]):
                return
            for i in range(start, end):
                taken[i] = True
            found.append(Match(start, end, surface[start:end], self.phrases[phrase]))

        if has_cjk(text):
            for phrase in self._cjk_longest_first():
                at = text.find(phrase)
                while at >= 0:
                    # One character inside a longer word is not that word: 钢笔 (fountain pen)
                    # holds no 钢 (steel), 蓝牙 (Bluetooth) no 蓝 (blue), 新娘 (bride) no 娘.
                    if len(phrase) > 1 or _stands_alone(text, at):
                        claim(at, at + len(phrase), phrase)
                    at = text.find(phrase, at + 1)
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        # Then each French elided article dropped ("l'oreiller", "d'eau"): a name written with
        # its article ("L'Oréal") is matched whole first.
        elided = [_after_elision(text, start, end) for start, end in tokens]
        for spans in (tokens, elided) if elided != tokens else (tokens,):
            for n in range(min(self.max_words, len(spans)), 0, -1):
                for i in range(len(spans) - n + 1):
                    start, end = spans[i][0], spans[i + n - 1][1]
                    phrase = " ".join(text[s:e] for s, e in spans[i : i + n])
                    if phrase in self.phrases and not has_cjk(phrase):
                        claim(start, end, phrase)
        return sorted(found, key=lambda m: m.start)

    def _cjk_longest_first(self) -> list[str]:
        if len(self._cjk_sorted) != len(self.cjk_phrases):
            self._cjk_sorted = sorted(self.cjk_phrases, key=len, reverse=True)
        return self._cjk_sorted

    def name(self, kind: str, value: str) -> str:
        return self.display.get((kind, value), value)

    def narrowest(self, category_id: str) -> str:
        """``category_id``, or the one category below it that holds products when only one does
        (the taxonomy's "Drills" in a shop that sells only "Handheld Power Drills"): the same
        products, named as the shop names them."""
        if category_id in self.holding_categories:
            return category_id
        below = [c for c in self.holding_categories if self._under(c, category_id)]
        return below[0] if len(below) == 1 else category_id

    def _under(self, category_id: str, ancestor: str) -> bool:
        seen = set()
        while category_id in self.category_parent and category_id not in seen:
            seen.add(category_id)
            category_id = self.category_parent[category_id]
            if category_id == ancestor:
                return True
        return False


def _after_elision(text: str, start: int, end: int) -> tuple[int, int]:
    """A token's span less a leading elided article ("l'oreiller" -> "oreiller")."""
    cut = ELISION.match(text, start, end)
    return (cut.end() if cut else start, end)


def _stands_alone(text: str, at: int) -> bool:
    """Whether the character at ``at`` is a word of its own: each neighbour is no CJK character
    or a particle. Chinese and Japanese write no spaces, so this is the only edge there is."""
    before, after = text[:at], text[at + 1 :]
    return ((not has_cjk(before[-1:]) or before.endswith(CJK_WORD_EDGES))
            and (not has_cjk(after[:1]) or after.startswith(CJK_WORD_EDGES)))


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, dict[str, list[str]]]:
    """Per-language words for attributes, countries, currencies, recipients, occasions, sorts."""
    data = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    data.pop("_about", None)
    return data


@lru_cache(maxsize=1)
def country_names() -> dict[str, dict[str, str]]:
    """ISO country code -> its CLDR name per language (``scripts/make_country_names.py``)."""
    data = json.loads(COUNTRY_NAMES_FILE.read_text(encoding="utf-8"))
    data.pop("_about", None)
    return data


@lru_cache(maxsize=1)
def currency_names() -> dict[str, list[str]]:
    """ISO currency code -> its CLDR names in the seven languages, singular and plural
    (``scripts/make_currency_names.py``); a CJK name also without its spaces ("カナダドル").
    A name two currencies share is left out: it cannot say which is meant."""
    data = json.loads(CURRENCY_NAMES_FILE.read_text(encoding="utf-8"))
    data.pop("_about", None)
    owners: dict[str, set[str]] = {}
    for code, per_language in data.items():
        for name in (n for names in per_language.values() for n in names):
            for form in {name, name.replace(" ", "")} if has_cjk(name) else {name}:
                owners.setdefault(fold(normalise(form)), set()).add(code)
    out: dict[str, list[str]] = {}
    for form, codes in owners.items():
        if len(codes) == 1:
            out.setdefault(next(iter(codes)), []).append(form)
    return out


_SHORT_KANA = re.compile(r"[\u30a0-\u30ff]{1,2}")


def _country_name_is_safe(name: str) -> bool:
    """CJK phrases match anywhere in a query, so a two-kana name would match inside other words
    (タイ, Thailand, in ネクタイ, necktie, and タイツ, tights; チリ, Chile, is also "dust")."""
    return not _SHORT_KANA.fullmatch(name)


def build_lexicon(
    brands: Iterable[dict[str, Any]], categories: Iterable[dict[str, Any]],
    countries: Iterable[dict[str, Any]], currencies: Iterable[dict[str, Any]],
    attribute_values: dict[str, list[str]],
) -> Lexicon:
    """A lexicon from graph rows: only values present in the graph can be produced.

    Args:
        brands: ``{id, name, aliases}`` rows.
        categories: ``{id, name, names, words}`` rows (``names``: ``[lang, name]`` per
            ``name_<lang>``; ``words``: ``[lang, [word, ...]]`` per enriched language).
        countries: ``{code, name}`` rows.
        currencies: ``{code, rate}`` rows.
        attribute_values: attribute -> distinct values products carry.
    """
    lex = Lexicon()
    vocab = vocabulary()
    enriched: list[tuple[str, str, str]] = []
    for row in brands:
        lex.display[("brand", row["id"])] = row["name"]
        for alias in [row["name"], *(row.get("aliases") or [])]:
            lex.add(alias, "brand", row["id"], inflect=False)
    categories = list(categories)
    for row in categories:
        lex.display[("category", row["id"])] = row.get("name") or row["id"]
        for lang, name in row.get("names") or []:
            lex.add(name, "category", row["id"], lang=lang)
        enriched += [(word, row["id"], lang) for lang, words in row.get("words") or [] for word in words or []]
        lex.category_texts[row["id"]] = list(dict.fromkeys(
            [name for _, name in row.get("names") or [] if name]
            + [w for _, words in row.get("words") or [] for w in words or [] if w]))
        if row.get("parent"):
            lex.category_parent[row["id"]] = row["parent"]
        if row.get("holds_products", True):
            lex.holding_categories.add(row["id"])
    # Only the categories products sit in: a broad one's parts ("Baby & Toddler", "Cameras &
    # Optics") are words shoppers use for everything below it, or as modifiers.
    named = [(name, row["id"], lang) for row in categories if row.get("holds_products", True)
             for lang, name in row.get("names") or [] if name]
    for part, category, lang in unique_parts(named, phrase_key):
        if not lex.lookup(part, "category"):  # a category's own name keeps its meaning
            lex.add(part, "category", category, lang=lang)
    for row in countries:
        lex.countries.add(row["code"])
        lex.display[("country", row["code"])] = row.get("name") or row["code"]
        if row.get("name"):
            lex.add(row["name"], "country", row["code"], inflect=False)
    for code, words in vocab["country"].items():
        if code in lex.countries:
            for word in words:
                lex.add(word, "country", code, inflect=False)
    for code, names in country_names().items():  # every country shipped to, in seven languages
        if code in lex.countries:
            for lang, name in names.items():
                if _country_name_is_safe(name):
                    lex.add(name, "country", code, inflect=False)
                if lang == "fr" and fold(name[:1].casefold()) in "aeiouy":  # vers l'Allemagne, d'Italie
                    for article in ("l'", "d'"):
                        lex.add(article + name, "country", code, inflect=False)
    for row in currencies:
        lex.currency_rates[row["code"]] = float(row["rate"])
    for code, cldr_names in currency_names().items():  # CLDR's names first: the vocabulary wins
        for name in cldr_names:
            lex.currency_words[name] = code
    for code, words in vocab["currency"].items():  # every currency, to recognise amounts
        for word in [code, *words]:
            lex.currency_words[fold(normalise(word))] = code
    for code in lex.currency_rates:  # ... but only the graph's can be grounded
        lex.currency_words[fold(normalise(code))] = code
        for word in [code, *vocab["currency"].get(code, []), *currency_names().get(code, [])]:
            if lex.currency_words.get(fold(normalise(word)), code) == code:
                lex.add(word, "currency", code, inflect=False)
    bases: set[str] = set()
    for attribute, values in attribute_values.items():
        known = {phrase_key(v): v for v in values if isinstance(v, str) and v}
        lex.attribute_values[attribute] = known
        for norm, value in known.items():
            if attribute != "size":  # sizes are read next to a cue word ("Größe 42"), not alone
                lex.add(norm, attribute, value)
        for canonical, words in vocab.get(attribute, {}).items():
            if phrase_key(canonical) in known:
                for word in words:
                    # Vocabulary words are base forms: endings are added, never cut off.
                    lex.add(word, attribute, known[phrase_key(canonical)], strip=False)
                    if attribute in ("colour", "material"):
                        lex.inflected_adjectives |= inflections(phrase_key(word), strip=False)
                        bases.add(phrase_key(word))
    lex.inflected_adjectives -= bases | set(lex.attribute_values.get("colour", {}))
    for kind in ("recipient", "occasion", "sort"):
        for canonical, words in vocab[kind].items():
            for word in words:
                # Plurals only ("dads", "abuelos"): a German ending would turn "oma" into Oman.
                lex.add(word, kind, canonical, inflect=kind != "sort", strip=False, lang="en")
    _add_enriched(lex, enriched)
    return lex


def _add_enriched(lex: Lexicon, enriched: list[tuple[str, str, str]]) -> None:
    """Model-written category words, last and only where a phrase means nothing yet: a shop's
    own names, brands, colours, recipients ("gift", "dad") always keep their meaning, so an
    enriched word can widen what is understood but never change it."""
    taken = set(lex.phrases)
    for word, category_id, lang in enriched:
        if phrase_key(word) and phrase_key(word) not in taken:
            lex.add(word, "category", category_id, lang=lang)
