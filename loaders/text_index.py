"""``borderless load text-index``: embed product and category texts, score review sentiment.

Run after a catalog or demo load (and again after changes: only what is missing or was embedded
by another embedder is redone, unless ``--all``). Products get ``text_embedding`` (title, brand,
category, colour, material, description) for the ``product_text_embedding`` vector index;
categories that hold products get one of their names in every language
(``category_text_embedding``); reviews get ``sentiment`` and ``sentiment_label`` from a classifier
trained on the label prototypes plus the graph's star-rated reviews, and each product the mean
of its reviews' scores as ``sentiment``. Work goes in batches with a progress bar.
"""

from __future__ import annotations

import argparse
import itertools
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
# The embedder runs on the CPU; small batches keep the bar moving and memory flat.
EMBED_BATCH = 64
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

    embedder = get_embedder(settings)
    report = LoadReport(source=f"text-index ({embedder.name})")
    db = settings.neo4j_database
    if "products" in parts:
        for rows in _pages(driver, db, "queries/nlq_product_texts", redo, prefix,
                           embedder.name, "embed products", progress):
            vectors = embedder.passage([product_text(r) for r in rows])
            write(driver, "writes/text_product_embeddings", db, embedder=embedder.name,
                  rows=[{"id": r["id"], "vector": v.tolist()} for r, v in zip(rows, vectors, strict=True)])
            _count(report, "products", len(rows))
    if "categories" in parts:
        for rows in _pages(driver, db, "queries/nlq_category_texts", redo, prefix,
                           embedder.name, "embed categories", progress):
            vectors = embedder.passage([" / ".join(dict.fromkeys(r["names"])) for r in rows])
            write(driver, "writes/text_category_embeddings", db, embedder=embedder.name,
                  rows=[{"id": r["id"], "vector": v.tolist()} for r, v in zip(rows, vectors, strict=True)])
            _count(report, "categories", len(rows))
    if "reviews" in parts:
        _score_reviews(driver, settings, embedder, report, redo, prefix, progress, rated_per_star)
    return report


def product_text(row: dict[str, Any]) -> str:
    """The passage embedded for a product: what a shopper would search it by."""
    facts = [row.get("title") or "", row.get("brand") or "", row.get("category") or "",
             row.get("colour") or "", row.get("material") or ""]
    text = ". ".join(f for f in facts if f)
    description = (row.get("description") or "")[:300]
    return f"{text}. {description}" if description else text


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
    rated_vectors = embedder.passage(texts) if texts else None
    # Reviews embedded for training are not embedded again for scoring.
    known = dict(zip(texts, rated_vectors, strict=True)) if texts else {}
    classifier = train_classifier(embedder, [(r["text"], int(r["rating"])) for r in rated],
                                  rated_vectors)
    for rows in itertools.chain([first], pages):
        missing = [r["text"] for r in rows if r["text"] not in known]
        fresh = dict(zip(missing, embedder.passage(missing), strict=True)) if missing else {}
        scores = classifier.score(np.vstack([known.get(r["text"], fresh.get(r["text"]))
                                             for r in rows]))
        write(driver, "writes/text_review_sentiment", db, rows=[
            {"id": r["id"], "sentiment": round(s, 4), "label": label}
            for r, (s, label) in zip(rows, scores, strict=True)])
        products = sorted({r["product_id"] for r in rows})
        write(driver, "writes/text_product_sentiment", db, rows=[{"id": p} for p in products])
        _count(report, "reviews", len(rows))


def _pages(driver: Driver, db: str, name: str, redo: bool, prefix: str, embedder: str,
           label: str, progress: bool) -> Iterator[list[dict[str, Any]]]:
    """Pages of rows by ascending id, until the statement returns none."""
    after = ""
    with tqdm(desc=label, unit="row", disable=not progress, file=sys.stderr) as bar:
        while True:
            rows = read(driver, name, db, after=after, all=redo, prefix=prefix,
                        embedder=embedder, limit=EMBED_BATCH)
            if not rows:
                return
            yield rows
            bar.update(len(rows))
            after = rows[-1]["id"]


def _count(report: LoadReport, entity: str, n: int) -> None:
    counts = report.counts(entity)
    counts.read += n
    counts.loaded += n
