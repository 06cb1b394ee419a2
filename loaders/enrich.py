"""``borderless enrich``: a language model writes shoppers' words and missing title translations.

For every category the shop uses and its ancestors, and for each of the seven languages, the
model writes the category's usual name and the everyday words shoppers type for it (synonyms,
colloquial and regional words, singular and plural): a ``(:Wording)-[:WORDS_FOR]->(:Category)``
node per language. For every product, each language its title lacks gets a
``(:Translation {field: 'title'})-[:TRANSLATES]->(:Product)``. Both carry provenance: ``model``,
``at``, ``source`` (``machine``, or ``reviewed`` once a catalog manager corrected it) and
``source_hash``. Asked for by name (``--only reviews``), each product's newest reviews get a
``(:Translation {field: 'text'})-[:TRANSLATES]->(:Review)`` per language they are not written
in; ``Product.reviews`` shows them flagged, with the original kept.

The job is resumable and cached: an item's hash covers what it is made from (the category's
path and names, the source title), the prompt version and the model, and answers are written in
small batches as they come. A rerun, after an interruption or a catalog change, asks the model
only for items whose hash changed or that have no answer yet; a ``reviewed`` item is never asked
for again and never overwritten. Each answer is validated (:mod:`language.enrichment`); a
rejected one is counted and named in the report, and the rest go on.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from neo4j import Driver
from tqdm import tqdm

from borderless.errors import ModelError
from borderless.settings import Settings, get_settings
from graph.driver import open_driver, read, write_returning
from language.enrichment import (
    MAX_DESCRIPTION_CHARS,
    MAX_TITLE_CHARS,
    TITLE_MAX_TOKENS,
    WORDS_MAX_TOKENS,
    EnrichmentRejected,
    category_words_prompt,
    content_hash,
    parse_category_words,
    parse_title,
    title_prompt,
)
from language.llm import LanguageModel, language_model
from loaders.models import LANGUAGES

PARTS = ("categories", "titles")
# Reviews are asked for by name (``--only reviews``): a shop has many, and each is a model call.
ALL_PARTS = (*PARTS, "reviews")
TITLE_PAGE = 500
REVIEWS_PER_PRODUCT = 5
# Model failures in a row (unreachable, timing out) after which the run stops: what was written
# stays, and the next run resumes there.
MAX_FAILURES_IN_A_ROW = 3
REJECTIONS_SHOWN = 50


@dataclass
class PartCounts:
    """One part's items: each is cached, kept as reviewed, written, rejected or failed."""

    items: int = 0
    cached: int = 0
    reviewed_kept: int = 0
    written: int = 0
    rejected: int = 0
    failed: int = 0


@dataclass
class EnrichReport:
    """What a run asked the model and what came of it."""

    model: str
    parts: dict[str, PartCounts] = field(default_factory=dict)
    rejections: list[str] = field(default_factory=list)

    def reject(self, part: str, reason: str) -> None:
        self.parts[part].rejected += 1
        if len(self.rejections) < REJECTIONS_SHOWN:
            self.rejections.append(reason)

    def to_json(self) -> dict[str, Any]:
        return {"model": self.model, "parts": {k: asdict(v) for k, v in self.parts.items()},
                "rejections": self.rejections}

    def print_summary(self, as_json: bool) -> None:
        if as_json:
            print(json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True))
            return
        print(f"enriched with {self.model}")
        print(f"  {'part':12} {'items':>8} {'cached':>8} {'reviewed':>9} {'written':>8} "
              f"{'rejected':>9} {'failed':>7}")
        for name, c in self.parts.items():
            print(f"  {name:12} {c.items:>8,} {c.cached:>8,} {c.reviewed_kept:>9,} {c.written:>8,} "
                  f"{c.rejected:>9,} {c.failed:>7,}")
        for reason in self.rejections:
            print(f"rejected: {reason}")


@dataclass(frozen=True)
class _Item:
    """One question for the model: the row it becomes once answered lacks only the answer."""

    id: str
    hash: str
    system: str
    user: str
    row: dict[str, Any]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "enrich", help="a language model writes shoppers' words per category and missing title "
                         "(and, asked for, review) translations")
    parser.add_argument("--only", choices=ALL_PARTS, action="append",
                        help="do only this part (repeatable; default: categories and titles; "
                             "reviews only when named)")
    parser.add_argument("--reviews-per-product", type=int, default=REVIEWS_PER_PRODUCT,
                        help=f"reviews: translate each product's newest N (default {REVIEWS_PER_PRODUCT})")
    parser.add_argument("--language", choices=LANGUAGES, action="append", dest="languages",
                        help="only this language (repeatable); default: all seven")
    parser.add_argument("--prefix", default="", help="only categories and products whose id starts with this")
    parser.add_argument("--backend", choices=("local", "openai"),
                        help="the model (default: BORDERLESS_ENRICH_BACKEND)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--no-progress", action="store_true", help="hide progress bars")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    settings = get_settings()
    model = language_model(settings, args.backend or settings.enrich_backend)
    assert model is not None  # "rules" is no enrich backend
    with open_driver(settings) as driver:
        report = enrich(driver, settings, model, parts=tuple(args.only or PARTS),
                        languages=tuple(args.languages or LANGUAGES), prefix=args.prefix,
                        progress=not args.no_progress, reviews_per_product=args.reviews_per_product)
    report.print_summary(args.json)
    return 0


def enrich(driver: Driver, settings: Settings, model: LanguageModel, *,
           parts: tuple[str, ...] = PARTS, languages: tuple[str, ...] = LANGUAGES,
           prefix: str = "", progress: bool = True,
           reviews_per_product: int = REVIEWS_PER_PRODUCT) -> EnrichReport:
    """Ask ``model`` for every item of ``parts`` not yet answered (or changed), and store them.

    Raises:
        ModelError: the model failed ``MAX_FAILURES_IN_A_ROW`` times in a row (answers written
            until then stay; a rerun resumes).
    """
    report = EnrichReport(model=model.model_id)
    db = settings.neo4j_database
    if "categories" in parts:
        rows = read(driver, "queries/enrich_categories", db, prefix=prefix)
        items = _category_items(rows, languages, model.model_id, report.parts.setdefault("categories", PartCounts()))
        _answer(driver, settings, model, items, report, "categories", progress)
    if "titles" in parts:
        items = _title_items(_product_pages(driver, db, prefix), languages, model.model_id,
                             report.parts.setdefault("titles", PartCounts()))
        _answer(driver, settings, model, items, report, "titles", progress)
    if "reviews" in parts:
        pages = _pages(driver, db, "queries/enrich_reviews_page", prefix=prefix, per_product=reviews_per_product)
        items = _review_items(pages, languages, model.model_id, report.parts.setdefault("reviews", PartCounts()))
        _answer(driver, settings, model, items, report, "reviews", progress)
    return report


def _pending(done: list[dict[str, Any]], lang: str, digest: str, counts: PartCounts) -> bool:
    """Whether an item must be asked: not reviewed, and not answered for this very content."""
    counts.items += 1
    previous = next((d for d in done if d["lang"] == lang), None)
    if previous and previous["source"] == "reviewed":
        counts.reviewed_kept += 1
        return False
    if previous and previous["hash"] == digest:
        counts.cached += 1
        return False
    return True


def _category_items(rows: list[dict[str, Any]], languages: tuple[str, ...], model_id: str,
                    counts: PartCounts) -> list[_Item]:
    items = []
    for row in rows:
        known = {lang: name for lang, name in row["names"] if isinstance(name, str) and name}
        for lang in languages:
            digest = content_hash("category", model_id, lang, row["path"], sorted(known.items()))
            if _pending(row["done"], lang, digest, counts):
                system, user = category_words_prompt(row["path"], lang, known)
                items.append(_Item(f"{row['id']}|{lang}", digest, system, user,
                                   {"category": row["id"], "lang": lang}))
    return items


def _product_pages(driver: Driver, db: str, prefix: str) -> Iterator[dict[str, Any]]:
    return _pages(driver, db, "queries/enrich_titles_page", prefix=prefix, languages=list(LANGUAGES))


def _pages(driver: Driver, db: str, statement: str, **params: Any) -> Iterator[dict[str, Any]]:
    """Every product row of a keyset-paged statement (by product id)."""
    after = ""
    while True:
        page = read(driver, statement, db, after=after, k=TITLE_PAGE, **params)
        yield from page
        if len(page) < TITLE_PAGE:
            return
        after = page[-1]["id"]


def _title_items(rows: Iterator[dict[str, Any]], languages: tuple[str, ...], model_id: str,
                 counts: PartCounts) -> list[_Item]:
    items = []
    for row in rows:
        titles = dict(row["titles"])
        if not titles:
            continue
        # English is the language small models translate from best; else the shop's first.
        source_lang = "en" if "en" in titles else next(iter(titles))
        source = titles[source_lang]
        for lang in languages:
            if lang in titles:
                continue
            digest = content_hash("title", model_id, lang, source_lang, source)
            if _pending(row["done"], lang, digest, counts):
                system, user = title_prompt(source, source_lang, lang)
                items.append(_Item(f"{row['id']}|title|{lang}", digest, system, user,
                                   {"product": row["id"], "field": "title", "lang": lang,
                                    "from_lang": source_lang, "source": source}))
    return items


def _review_items(rows: Iterator[dict[str, Any]], languages: tuple[str, ...], model_id: str,
                  counts: PartCounts) -> list[_Item]:
    items = []
    for row in rows:
        for review in row["reviews"]:
            # One line: the answer is checked to be one (reviews may hold paragraphs).
            source = " ".join(str(review["text"]).split())
            if not source or len(source) > MAX_DESCRIPTION_CHARS:
                continue
            for lang in languages:
                if lang == review["lang"]:
                    continue
                digest = content_hash("review", model_id, lang, review["lang"], source)
                if _pending(review["done"], lang, digest, counts):
                    system, user = title_prompt(source, review["lang"], lang, "review")
                    items.append(_Item(f"{review['id']}|text|{lang}", digest, system, user,
                                       {"review": review["id"], "lang": lang,
                                        "from_lang": review["lang"], "source": source}))
    return items


def _answer(driver: Driver, settings: Settings, model: LanguageModel, items: list[_Item],
            report: EnrichReport, part: str, progress: bool) -> None:
    """Ask the model item by item, validate, and write answers in batches as they come."""
    counts = report.parts[part]
    statement = {"categories": "writes/enrich_category_words", "titles": "writes/enrich_title_translations",
                 "reviews": "writes/enrich_review_translations"}[part]
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        if batch:
            written = write_returning(driver, statement, settings.neo4j_database, rows=batch)
            counts.written += written[0]["written"] if written else 0
            batch.clear()

    failures = 0
    bar = tqdm(items, total=len(items), desc=part, unit="item", disable=not progress)
    try:
        for item in bar:
            max_tokens = {"categories": WORDS_MAX_TOKENS, "reviews": 4 * TITLE_MAX_TOKENS}.get(part, TITLE_MAX_TOKENS)
            try:
                reply = model.complete(item.system, item.user, max_tokens=max_tokens,
                                       timeout_s=settings.enrich_timeout_s)
            except ModelError as e:
                counts.failed += 1
                failures += 1
                if failures >= MAX_FAILURES_IN_A_ROW:
                    raise ModelError(f"enrich {part}: the model failed {failures} times in a row "
                                     f"(last: {e}); answers so far are stored, rerun to resume") from e
                continue
            failures = 0
            try:
                batch.append(_row(part, item, reply, model.model_id))
            except EnrichmentRejected as e:
                report.reject(part, str(e))
                continue
            if len(batch) >= settings.enrich_batch_size:
                flush()
    finally:
        bar.close()
        flush()  # an interrupted run keeps every validated answer


def _row(part: str, item: _Item, reply: str, model_id: str) -> dict[str, Any]:
    """The graph row of one validated answer (raises :class:`EnrichmentRejected`)."""
    row = {**item.row, "id": item.id, "hash": item.hash, "model": model_id}
    if part == "categories":
        words = parse_category_words(reply, row["lang"], item.id)
        return {**row, "name": words.name, "words": list(words.words),
                "text": " | ".join((words.name, *words.words))}
    limit = MAX_DESCRIPTION_CHARS if part == "reviews" else MAX_TITLE_CHARS
    return {**row, "text": parse_title(reply, row.pop("source"), row["lang"], item.id, limit=limit)}
