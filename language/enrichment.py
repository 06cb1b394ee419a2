"""What the enrichment job asks a language model, and the checks its answers must pass.

Two kinds of question, one item each, so one bad answer costs only its own item:

- a category's name and the everyday words shoppers type for it, in one language
  (:func:`category_words_prompt` -> :func:`parse_category_words`);
- a product title translated into one language (:func:`title_prompt` -> :func:`parse_title`).

Answers are data, never code: they are parsed as JSON, every string is checked (length, no
markup or statement punctuation, letters of the target language's script), and only then handed
to the graph as ``$params``. An answer that fails raises :class:`EnrichmentRejected` naming the
item and the reason; the job records it and goes on.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass

from borderless.errors import ModelError

# Bump when a prompt changes: every cached answer then counts as changed and is redone.
PROMPT_VERSION = "1"
LANGUAGE_NAMES = {"en": "English", "de": "German", "es": "Spanish", "fr": "French",
                  "pt": "Portuguese", "zh": "Simplified Chinese", "ja": "Japanese"}
MAX_WORDS = 12
MAX_WORD_CHARS = 60
MAX_TITLE_CHARS = 300
MAX_DESCRIPTION_CHARS = 2000
WORDS_MAX_TOKENS = 160
TITLE_MAX_TOKENS = 160

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_LATIN_LETTER = re.compile(r"[a-zA-Z\u00c0-\u024f]")
# Letters of scripts none of the seven languages is written in (Cyrillic, Greek, Arabic, ...).
_OTHER_SCRIPT = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0900-\u0dff\u0e00-\u0e7f]")
# Characters that belong to code, markup or statements, never to a shopper's word or a title.
_JUNK = re.compile(r"[{}\[\]<>;=\\|$`@#^~]|//|/\*|\*/|https?:")


class EnrichmentRejected(ModelError):
    """A model's answer for one item failed validation; the message says which check."""


@dataclass(frozen=True)
class CategoryWords:
    """A category's name and shoppers' words in one language, as validated."""

    name: str
    words: tuple[str, ...]


def content_hash(*parts: object) -> str:
    """The cache key of one item: what it was made from, the prompt version and the model."""
    text = json.dumps([PROMPT_VERSION, *parts], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def category_words_prompt(path: list[str], lang: str, known: dict[str, str]) -> tuple[str, str]:
    """System and user message asking for one category's words in ``lang``.

    Args:
        path: the category's English names from the root down ("Apparel", "Shoes").
        lang: the language wanted.
        known: the shop's own names of the category by language (they guide the model).
    """
    language = LANGUAGE_NAMES[lang]
    system = (
        "You write the words online shoppers type when they look for a kind of product. "
        "Answer with one JSON object and nothing else: "
        '{"name": "<the usual name of the category>", "words": ["<word>", ...]}. '
        f"Every string in {language}. words: up to {MAX_WORDS} short everyday words and phrases "
        "for this kind of product: synonyms, colloquial and regional words, singular and plural.")
    names = "; ".join(f"{LANGUAGE_NAMES.get(k, k)}: {v}" for k, v in sorted(known.items()))
    user = f"Category: {' > '.join(path)}\n"
    if names:
        user += f"Known names: {names}\n"
    user += f"Language: {language}"
    return system, user


def title_prompt(title: str, source_lang: str, lang: str, what: str = "title") -> tuple[str, str]:
    """System and user message asking to translate one product title (or ``what``: description)
    into ``lang``; the answer is always ``{"title": ...}`` so one parser checks both."""
    system = (
        f"You translate product {what}s for an online shop. Keep brand names, model numbers and "
        'sizes as written. Answer with one JSON object and nothing else: {"title": "<translation>"}.')
    user = (f"Translate from {LANGUAGE_NAMES[source_lang]} to {LANGUAGE_NAMES[lang]}:\n"
            f"{title}")
    return system, user


def _json_object(reply: str, item: str) -> dict:
    """The first JSON object in ``reply`` (models wrap answers in code fences or chatter)."""
    start, end = reply.find("{"), reply.rfind("}")
    text = reply[start:end + 1] if 0 <= start < end else _closed(reply[start:]) if start >= 0 else None
    if text is None:
        raise EnrichmentRejected(f"{item}: the answer holds no JSON object")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        raise EnrichmentRejected(f"{item}: the answer is not valid JSON ({e.msg})") from e
    if not isinstance(value, dict):
        raise EnrichmentRejected(f"{item}: the answer is not a JSON object")
    return value


def _closed(partial: str) -> str | None:
    """A reply cut off by the token limit inside its word list (small models list words until
    they run out of tokens), closed after its last complete string; None if it cannot be."""
    cut = partial.rfind('",')
    if cut < 0 or "[" not in partial[:cut]:
        return None
    return partial[: cut + 1] + "]}"


def in_language(text: str, lang: str) -> bool:
    """Whether ``text`` is written in the script ``lang`` uses (zh: Han without kana; ja: kana
    or Han; the others: Latin letters, no CJK). Scripts only: German and French words that are
    spelled alike cannot be told apart, and are not."""
    if _OTHER_SCRIPT.search(text) or _HANGUL.search(text):
        return False
    if lang == "zh":
        return bool(_HAN.search(text)) and not _KANA.search(text)
    if lang == "ja":
        return bool(_HAN.search(text) or _KANA.search(text))
    return bool(_LATIN_LETTER.search(text)) and not (_HAN.search(text) or _KANA.search(text))


def clean_text(value: object, lang: str, item: str, *, limit: int) -> str:
    """``value`` as a checked, NFKC-normalised one-line string in ``lang``.

    Raises:
        EnrichmentRejected: not a string, empty, too long, code-like, or in another script.
    """
    if not isinstance(value, str):
        raise EnrichmentRejected(f"{item}: expected a string, got {type(value).__name__}")
    text = " ".join(unicodedata.normalize("NFKC", value).split())
    if not text:
        raise EnrichmentRejected(f"{item}: empty text")
    if len(text) > limit:
        raise EnrichmentRejected(f"{item}: {len(text)} characters, at most {limit} expected")
    if any(unicodedata.category(ch).startswith("C") for ch in text) or _JUNK.search(text):
        raise EnrichmentRejected(f"{item}: holds markup or code characters: {text[:60]!r}")
    if not in_language(text, lang):
        raise EnrichmentRejected(f"{item}: not written in {LANGUAGE_NAMES[lang]}: {text[:60]!r}")
    return text


def parse_category_words(reply: str, lang: str, item: str) -> CategoryWords:
    """The validated name and words of one category answer.

    A bad name rejects the item; a bad word is dropped (the rest of the answer is good).

    Raises:
        EnrichmentRejected: no JSON object, no valid name, or ``words`` not a list.
    """
    data = _json_object(reply, item)
    name = clean_text(data.get("name"), lang, f"{item} name", limit=MAX_WORD_CHARS)
    words = data.get("words", [])
    if not isinstance(words, list):
        raise EnrichmentRejected(f"{item}: words must be a list, got {type(words).__name__}")
    kept: dict[str, str] = {}
    for word in words:
        try:
            text = clean_text(word, lang, f"{item} word", limit=MAX_WORD_CHARS)
        except EnrichmentRejected:
            continue
        kept.setdefault(text.casefold(), text)
    kept.pop(name.casefold(), None)
    return CategoryWords(name, tuple(list(kept.values())[:MAX_WORDS]))


def parse_title(reply: str, source: str, lang: str, item: str, limit: int = MAX_TITLE_CHARS) -> str:
    """The validated translation in one title answer.

    Raises:
        EnrichmentRejected: no JSON object, no valid ``title``, or a length far from the source's
            (a model that explains instead of translating, or stops half-way).
    """
    title = clean_text(_json_object(reply, item).get("title"), lang, f"{item} title", limit=limit)
    # Scripts differ in characters per word (a Japanese title is far shorter than its English
    # original), so only Latin-to-Latin translations are held to the source's length.
    latin = not (_HAN.search(source + title) or _KANA.search(source + title))
    if latin and not len(source) / 3 <= len(title) <= len(source) * 3:
        raise EnrichmentRejected(f"{item}: {len(title)} characters for a {len(source)}-character title")
    return title
