"""Grounding: every slot of an intent becomes a graph id or is dropped. Nothing invented survives.

Brands resolve through their names and aliases (any case, accents, one or two typos), then the
``brand_names`` full-text index; categories through their names in every language, then the
``category_names`` full-text index, then the nearest category by text embedding (above a
similarity floor); countries and currencies must be real ``Country``/``Currency`` nodes; attribute
values must be values products carry. The result holds the parameters of
``cypher/queries/search_products.cypher`` and the interpretation shown to the shopper.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from api.nlq.intent import ATTRIBUTES, Intent, Slot
from api.nlq.lexicon import Lexicon, has_cjk, normalise, phrase_key
from api.nlq.meaning import CategoryVectors, category_by_meaning
from api.nlq.reads import Reader

# "Nearest category by embedding" must be close and clearly ahead of the next: e5 cosines sit
# between 0.75 and 0.9, so closeness alone does not tell a match from a neighbour.
NEAREST_CATEGORY_FLOOR = 0.80
NEAREST_CATEGORY_MARGIN = 0.02
FULLTEXT_FLOOR = 1.0
# Title grounding: of the best-matching products, this many and this share in one category.
TITLE_HITS = 30
TITLE_HITS_BRANDED = 2000
TITLE_MIN_HITS = 3
TITLE_SHARE = 0.8
SERVED_LANGUAGES = ("en", "de", "es", "fr", "pt", "zh", "ja")
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')


@dataclass
class Grounded:
    """Search parameters that only hold graph ids and values, plus the interpretation."""

    params: dict[str, Any] = field(default_factory=dict)
    slots: list[Slot] = field(default_factory=list)

    def add(self, name: str, value: str, grounded_id: str | None, source: str) -> None:
        self.slots.append(Slot(name=name, value=value, grounded_id=grounded_id, source=source))


def lucene_fuzzy(text: str) -> str:
    """A full-text query matching ``text`` word by word with typos; Lucene syntax escaped."""
    words = [_LUCENE_SPECIAL.sub(r"\\\1", w) for w in normalise(text).split()[:6]]
    return " AND ".join(f"{w}~" if len(w) >= 4 else w for w in words)


async def ground(
    intent: Intent, lexicon: Lexicon, reader: Reader, *, source: str,
    embed: Callable[[str], list[float]] | None, ship_to: str | None, currency: str | None,
    lang: str | None = None, filled_by_rules: set[str] | frozenset[str] = frozenset(),
    category_vectors: Callable[[], Awaitable[CategoryVectors]] | None = None,
) -> Grounded:
    """Ground ``intent`` (produced by backend ``source``) in the graph.

    ``ship_to`` and ``currency`` are the search's arguments; a country or currency stated in the
    query wins over them, since it is the more specific wish. ``embed`` turns a category phrase
    no name matches into a vector for the nearest-category lookup. Fields in ``filled_by_rules``
    are credited to the rules parser in the interpretation. ``category_vectors`` gives the
    vectors of the shop's category names, for the leftover words when nothing else named a
    category (``meaning.py``); without it only the nearest products are asked.
    """

    def src(field_name: str) -> str:
        return "rules" if field_name in filled_by_rules else source

    out = Grounded()
    await _brands(intent, lexicon, reader, src("brands"), out)
    await _categories(intent, lexicon, reader, src("categories"), embed, out)
    if intent.keywords:
        # Product titles know kinds ("lampe frontale": headlamps) better than a category name
        # caught alone ("Lampe"): when they point elsewhere, they win.
        named = intent.categories if out.params["category_ids"] else []
        found = await _category_from_titles([*named, *intent.keywords], lang, reader,
                                            out.params["brand_ids"])
        if found is None and out.params["brand_ids"]:
            # The brand may not make the kind at all; the kind is still what was asked for.
            found = await _category_from_titles([*named, *intent.keywords], lang, reader, None)
        if found:
            found = lexicon.narrowest(found)
        if found and found not in (out.params["category_ids"] or []):
            out.slots = [slot for slot in out.slots if slot.name != "category"]
            out.params["category_ids"] = [found]
            out.add("category", lexicon.name("category", found), found, "titles")
    if not out.params["category_ids"] and intent.keywords and embed is not None:
        # Words no name or title spells out ("电水壶", "bouilloire", "a dad who grills").
        vectors = await category_vectors() if category_vectors is not None else None
        meant = await category_by_meaning(" ".join(intent.keywords), lexicon, reader, embed,
                                          vectors)
        if meant:
            category_id, how = lexicon.narrowest(meant[0]), meant[1]
            out.params["category_ids"] = [category_id]
            out.add("category", lexicon.name("category", category_id), category_id, how)
    for attribute in ATTRIBUTES:
        _attribute(intent, attribute, lexicon, src(attribute), out)
    _ship_to(intent, lexicon, src("ship_to"), ship_to, out)
    _price(intent, lexicon, src("price_max"), currency, out)
    out.params["sort"] = intent.sort
    if intent.sort != "relevance":
        out.add("sort", intent.sort, None, src("sort"))
    for name in ("recipient", "occasion"):
        value = getattr(intent, name)
        if value:
            meanings = lexicon.lookup(value, name)
            out.add(name, meanings[0].value if meanings else value, None, src(name))
    for word in intent.keywords:
        out.add("keyword", word, None, src("keywords"))
    return out


async def _brands(intent: Intent, lexicon: Lexicon, reader: Reader, source: str,
                  out: Grounded) -> None:
    ids: list[str] = []
    for word in intent.brands:
        # One name can belong to several brand nodes (two shops' "Nike"): all of them count.
        found = [(m.value, source) for m in lexicon.lookup(word, "brand")]
        if not found and lucene_fuzzy(word):
            rows = await reader.read("queries/nlq_brands_fulltext", text=lucene_fuzzy(word), k=2)
            found = [(r["id"], "fulltext") for r in rows[:1] if r["score"] >= FULLTEXT_FLOOR]
        for brand_id, how in found:
            if brand_id not in ids:
                ids.append(brand_id)
                out.add("brand", lexicon.name("brand", brand_id), brand_id, how)
    out.params["brand_ids"] = ids or None


async def _categories(intent: Intent, lexicon: Lexicon, reader: Reader, source: str,
                      embed: Callable[[str], list[float]] | None, out: Grounded) -> None:
    ids: list[str] = []
    for word in intent.categories:
        found = [(m.value, source) for m in lexicon.lookup(word, "category")]
        if not found and lucene_fuzzy(word):
            rows = await reader.read("queries/nlq_categories_fulltext", text=lucene_fuzzy(word), k=3)
            found = [(r["id"], "fulltext") for r in rows[:1]
                     if r["score"] >= FULLTEXT_FLOOR and ("category", r["id"]) in lexicon.display]
        if not found and embed is not None:
            vector = await asyncio.to_thread(embed, word)
            rows = await reader.read("queries/nlq_nearest_categories", vector=vector, k=3)
            runner_up = rows[1]["score"] if len(rows) > 1 else 0.0
            found = [(r["id"], "embedding") for r in rows[:1]
                     if r["score"] >= NEAREST_CATEGORY_FLOOR
                     and r["score"] - runner_up >= NEAREST_CATEGORY_MARGIN
                     and ("category", r["id"]) in lexicon.display]
        for named_id, how in found:
            category_id = lexicon.narrowest(named_id)
            if category_id not in ids:
                ids.append(category_id)
                out.add("category", lexicon.name("category", category_id), category_id, how)
    out.params["category_ids"] = ids or None


async def _category_from_titles(keywords: list[str], lang: str | None, reader: Reader,
                                brand_ids: list[str] | None) -> str | None:
    """A product-kind word ("Laufschuhe", "登山包") grounded through the catalog's own titles.

    The words go to the full-text index of the query's language; if nearly all matching products
    sit in one category, that category is what the shopper meant. All words together first,
    then all but one, so an extra word does not hide the kind. Only
    products of the brands already understood count ("Zephyrix boots": Zephyrix's boots).
    """
    indexes = [f"product_text_{code}" for code in languages_to_search(lang, " ".join(keywords))]
    # All words, then all but one (a stray "delivered" must not hide "running tights").
    attempts = [keywords] + [keywords[:i] + keywords[i + 1:] for i in range(len(keywords))
                             if len(keywords) > 1]
    for words in attempts[:5]:
        text = " AND ".join(_lucene_term(w) for w in words)
        # The index ranks before the brand filter applies: look deeper when a brand narrows.
        rows = await reader.read("queries/nlq_categories_by_titles", indexes=indexes, text=text,
                                 k=TITLE_HITS_BRANDED if brand_ids else TITLE_HITS,
                                 brand_ids=brand_ids)
        if not rows:
            continue
        best_index = rows[0]["index_name"]
        hits = {r["id"]: r["hits"] for r in rows if r["index_name"] == best_index}
        top = max(hits, key=hits.get)
        # Within one brand a shop may hold a single matching product; overall, want a few.
        least = 1 if brand_ids else TITLE_MIN_HITS
        if hits[top] >= least and hits[top] >= TITLE_SHARE * sum(hits.values()):
            return top
    return None


def _lucene_term(word: str) -> str:
    """One escaped term; a CJK word as a phrase, so its bigrams must stand together."""
    escaped = _LUCENE_SPECIAL.sub(r"\\\1", normalise(word))
    return f'"{escaped}"' if has_cjk(word) else escaped


def languages_to_search(lang: str | None, text: str) -> list[str]:
    """The title languages worth searching for ``text``: the given one, or guessed from script."""
    if lang in SERVED_LANGUAGES:
        return [lang]
    if re.search(r"[\u3040-\u30ff]", text):
        return ["ja"]
    if has_cjk(text):
        return ["zh", "ja"]
    return ["en", "de", "es", "fr", "pt"]


def _attribute(intent: Intent, attribute: str, lexicon: Lexicon, source: str,
               out: Grounded) -> None:
    word = getattr(intent, attribute)
    value = None
    if word:
        known = lexicon.attribute_values.get(attribute, {})
        value = known.get(phrase_key(word))
        if value is None and attribute == "size":
            # "Größe 42" means the stored "EU 42"; only an unambiguous match counts.
            tails = [v for key, v in known.items() if key.split()[-1:] == [phrase_key(word)]]
            value = tails[0] if len(tails) == 1 else None
        if value is None:
            meanings = lexicon.lookup(word, attribute)
            value = meanings[0].value if meanings else None
        if value is not None:
            out.add(attribute, value, None, source)
    out.params[attribute] = value


def _ship_to(intent: Intent, lexicon: Lexicon, source: str, argument: str | None,
             out: Grounded) -> None:
    code = None
    if intent.ship_to:
        word = intent.ship_to.strip()
        meanings = lexicon.lookup(word, "country")
        code = meanings[0].value if meanings else (word.upper() if word.upper() in lexicon.countries else None)
        if code:
            out.add("ship_to", lexicon.name("country", code), code, source)
    if code is None and argument:
        code = argument.upper() if argument.upper() in lexicon.countries else None
        if code:
            out.add("ship_to", lexicon.name("country", code), code, "argument")
    out.params["ship_to"] = code


def _price(intent: Intent, lexicon: Lexicon, source: str, argument: str | None,
           out: Grounded) -> None:
    stated = (intent.currency or "").strip().upper()
    from_words = lexicon.lookup(intent.currency or "", "currency") if intent.currency else []
    if stated in lexicon.currency_rates:
        code, how = stated, source
    elif from_words:
        code, how = from_words[0].value, source
    elif argument and argument.upper() in lexicon.currency_rates:
        code, how = argument.upper(), "argument"
    else:
        code, how = None, source
    has_price = intent.price_min is not None or intent.price_max is not None
    if has_price and code is None and not lexicon.currency_rates:
        has_price = False  # no currencies in the graph: a price cannot be compared safely
    out.params.update(currency=code, price_min=None, price_max=None)
    if not has_price:
        return
    if intent.currency and stated not in lexicon.currency_rates and not from_words:
        return  # a currency the graph does not know: no conversion, so no price filter
    out.params.update(price_min=intent.price_min, price_max=intent.price_max)
    unit = code or "base"
    if intent.price_min is not None:
        out.add("price_min", f"{intent.price_min:g} {unit}", code, how)
    if intent.price_max is not None:
        out.add("price_max", f"{intent.price_max:g} {unit}", code, how)
