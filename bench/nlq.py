"""Search quality and speed on the demo shop, per language and backend; review sentiment accuracy.

For every labelled query in ``bench/nlq_queries.jsonl`` (built by ``nlq_queries_make.py``) it runs
the real ``search`` path against the Neo4j in the environment and reports, per language and
backend:

- slot precision and recall (brand, category, colour, material, gender, size, price, currency,
  ship-to, sort: what was grounded against what the query states);
- the share of queries whose every returned product meets every stated constraint (checked in
  Cypher, ``search_bench_violations``; exact matches only, close matches are labelled apart),
  the share that returned any exact match, and the share that offered close matches;
- p50/p95 latency of the whole search and of each stage (understand, embed, ground, query).

``--sentiment`` adds accuracy per language of the review sentiment classifier on
``bench/nlq_sentiment.jsonl``. Needs ``borderless load demo`` and ``borderless load text-index``.

    python -m bench.nlq [--backends rules,local] [--local-per-language 2] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from neo4j import AsyncGraphDatabase
from tqdm import tqdm

from api.nlq.reads import reader_for
from api.nlq.search import search_with
from borderless.settings import get_settings
from bench_cypher import cypher_file

HERE = Path(__file__).parent
SLOTS = ("brand", "category", "colour", "material", "gender", "size", "price_max", "price_min",
         "currency", "ship_to", "sort")
CHECKED = ("category", "brand", "colour", "material", "gender", "size", "price_max", "price_min",
           "ship_to")


def predicted_slots(outcome) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for slot in outcome.interpretation:
        if slot.name in ("price_max", "price_min"):
            found.add((slot.name, f"{float(slot.value.split()[0]):g}"))
            if slot.grounded_id:
                found.add(("currency", slot.grounded_id))
        elif slot.name in ("colour", "material", "gender", "size", "sort"):
            found.add((slot.name, slot.value))
        elif slot.name in SLOTS:
            found.add((slot.name, slot.grounded_id or slot.value))
    return found


def expected_slots(expect: dict) -> set[tuple[str, str]]:
    return {(k, f"{float(v):g}" if k.startswith("price") else str(v))
            for k, v in expect.items() if k in SLOTS}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


async def run_backend(driver, settings, backend: str, queries: list[dict], first: int,
                      progress: bool) -> list[dict]:
    from language.llm import language_model

    tuned = settings.model_copy(update={"nlq_backend": backend})
    model = language_model(tuned)
    reader = reader_for(driver, tuned)
    key = f"{tuned.bolt_uri()}/{tuned.neo4j_database}"
    # Warm the lexicon cache and the embedder, so the figures show the steady state.
    await search_with(reader, tuned, query="warm up", lang="en", ship_to=None, currency=None,
                      first=first, shopper_id=None, lexicon_key=key, model=model)
    results = []
    for row in tqdm(queries, desc=f"search ({backend})", disable=not progress, file=sys.stderr):
        timings: dict[str, float] = {}
        started = time.perf_counter()
        outcome = await search_with(reader, tuned, query=row["query"], lang=row["lang"],
                                    ship_to=None, currency=None, first=first, shopper_id=None,
                                    lexicon_key=key, model=model, timings=timings)
        total = time.perf_counter() - started
        expect = row["expect"]
        params = {k: expect.get(k) for k in CHECKED} | {"currency": expect.get("currency")}
        violations = await reader.read(cypher_file("search_bench_violations"),
                                       ids=outcome.product_ids, **params)
        results.append({
            "backend": backend, "answered_by": outcome.backend, "lang": row["lang"],
            "query": row["query"], "predicted": sorted(predicted_slots(outcome)),
            "expected": sorted(expected_slots(expect)), "returned": len(outcome.product_ids),
            "close": sum(len(group.product_ids) for group in outcome.close_matches),
            "broken": sorted({b for v in violations for b in v["broken"]}),
            "ms": {"total": total * 1000, **{k: v * 1000 for k, v in timings.items()}},
        })
    return results


def summarise(results: list[dict]) -> dict:
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in results:
        groups[(r["backend"], r["lang"])].append(r)
        groups[(r["backend"], "all")].append(r)
    table = {}
    for (backend, lang), rows in sorted(groups.items()):
        tp = sum(len(set(map(tuple, r["predicted"])) & set(map(tuple, r["expected"]))) for r in rows)
        predicted = sum(len(r["predicted"]) for r in rows)
        expected = sum(len(r["expected"]) for r in rows)
        stages = {s: [r["ms"][s] for r in rows if s in r["ms"]]
                  for s in ("total", "understand", "embed", "ground", "query")}
        table[f"{backend}/{lang}"] = {
            "queries": len(rows),
            "slot_precision": tp / predicted if predicted else float("nan"),
            "slot_recall": tp / expected if expected else float("nan"),
            "constraints_met": sum(not r["broken"] for r in rows) / len(rows),
            "constraints_met_nonempty": (sum(not r["broken"] for r in rows if r["returned"])
                                         / max(1, sum(1 for r in rows if r["returned"]))),
            "nonempty": sum(r["returned"] > 0 for r in rows) / len(rows),
            "with_close": sum(r.get("close", 0) > 0 for r in rows) / len(rows),
            "fell_back": sum(r["answered_by"] != backend for r in rows) / len(rows),
            **{f"{s}_p50_ms": statistics.median(v) for s, v in stages.items() if v},
            **{f"{s}_p95_ms": percentile(v, 0.95) for s, v in stages.items() if v},
        }
    return table


def sentiment_accuracy(settings) -> dict:
    """Accuracy per language on the hand-labelled set, for the classifier trained on the label
    prototypes alone and on prototypes plus the graph's star-rated reviews (as text-index does)."""
    from graph.driver import open_driver, read
    from language.embedders import get_embedder
    from language.sentiment import train_classifier
    from loaders.text_index import RATED_PER_STAR

    rows = [json.loads(line) for line in (HERE / "nlq_sentiment.jsonl").read_text(encoding="utf-8").splitlines()]
    embedder = get_embedder(settings)
    with open_driver(settings) as driver:
        rated = read(driver, "queries/nlq_rated_reviews", settings.neo4j_database,
                     per_rating=RATED_PER_STAR)
    vectors = embedder.passage([r["text"] for r in rows])
    report = {}
    for name, examples in (("prototypes", []), ("prototypes+stars", rated)):
        classifier = train_classifier(embedder, [(r["text"], int(r["rating"])) for r in examples])
        per_lang: dict[str, list[bool]] = defaultdict(list)
        for row, (_, label) in zip(rows, classifier.score(vectors), strict=True):
            per_lang[row["lang"]].append(label == row["label"])
            per_lang["all"].append(label == row["label"])
        report[name] = {"star_rated_reviews": len(examples), "per_language": {
            lang: {"n": len(hits), "accuracy": sum(hits) / len(hits)} for lang, hits in per_lang.items()}}
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description="search quality and latency per language and backend")
    parser.add_argument("--queries", type=Path, default=HERE / "nlq_queries.jsonl")
    parser.add_argument("--backends", default="rules", help="comma-separated: rules,local,openai")
    parser.add_argument("--local-per-language", type=int, default=2,
                        help="queries per language for model backends (~10-60 s each on 2 cores)")
    parser.add_argument("--model-timeout-s", type=float, default=120.0)
    parser.add_argument("--first", type=int, default=20)
    parser.add_argument("--sentiment", action="store_true", help="also measure review sentiment")
    parser.add_argument("--out", type=Path, help="write every query's result as JSON Lines here")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args()
    settings = get_settings().model_copy(update={"nlq_timeout_s": args.model_timeout_s})
    queries = [json.loads(line) for line in args.queries.read_text(encoding="utf-8").splitlines()]

    async def run() -> list[dict]:
        results: list[dict] = []
        async with AsyncGraphDatabase.driver(settings.bolt_uri(), auth=settings.neo4j_auth()) as driver:
            for backend in args.backends.split(","):
                chosen = queries
                if backend != "rules":
                    per_lang: dict[str, int] = defaultdict(int)
                    chosen = [q for q in queries if (per_lang.__setitem__(q["lang"], per_lang[q["lang"]] + 1)
                                                     or per_lang[q["lang"]] <= args.local_per_language)]
                results += await run_backend(driver, settings, backend, chosen, args.first,
                                             not args.no_progress)
        return results

    results = asyncio.run(run())
    report = {"search": summarise(results)}
    if args.sentiment:
        report["sentiment"] = sentiment_accuracy(settings)
    if args.out:
        args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results), encoding="utf-8")
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    print(f"{'backend/lang':14} {'n':>4} {'slotP':>6} {'slotR':>6} {'met':>6} {'met|ne':>6} {'nonempty':>8} "
          f"{'close':>6} "
          f"{'fallback':>8} {'p50 ms':>8} {'p95 ms':>8} {'und p95':>8} {'gnd p95':>8} {'emb p95':>8} "
          f"{'qry p95':>8}")
    for name, row in report["search"].items():
        print(f"{name:14} {row['queries']:>4} {row['slot_precision']:>6.2f} {row['slot_recall']:>6.2f} "
              f"{row['constraints_met']:>6.1%} {row['constraints_met_nonempty']:>6.1%} {row['nonempty']:>8.1%} "
              f"{row['with_close']:>6.1%} "
              f"{row['fell_back']:>8.1%} "
              f"{row['total_p50_ms']:>8.1f} {row['total_p95_ms']:>8.1f} {row.get('understand_p95_ms', 0):>8.1f} "
              f"{row.get('ground_p95_ms', 0):>8.1f} "
              f"{row.get('embed_p95_ms', 0):>8.1f} {row.get('query_p95_ms', 0):>8.1f}")
    for name, result in report.get("sentiment", {}).items():
        print(f"sentiment ({name}, {result['star_rated_reviews']} star-rated reviews): " + "  ".join(
            f"{lang} {row['accuracy']:.0%} (n={row['n']})" for lang, row in result["per_language"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
