"""Where a search's time goes, stage by stage, and what it answered (to compare two versions).

Runs every query of a world (``queries.jsonl`` or ``labels.jsonl``) or of ``bench/nlq_queries.jsonl``
through the real ``search_with`` path in-process, warm (two unscored searches first), each query
once, against the Neo4j in the environment, and records per query:

- the answer: every interpretation slot (name, value, grounded id, source), the exact matches, all
  matching ids, the close-match groups and the notice;
- seconds per stage: ``search_with``'s own (understand, embed, ground, query), the rules parse,
  the lexicon (stamp read, rebuilds), grounding by titles and by meaning, every named Cypher
  statement (calls and time), and the text embedder (calls, texts, time);
- whether the rules are unsure (the queries a model backend would be asked about).

The timers wrap functions by name from outside (nothing is changed in what runs), so the same file
measures an older checkout too: ``PYTHONPATH=<checkout> python bench/search_stages.py ...``.

    python bench/search_stages.py bench/worlds/outside3 --out /tmp/new.jsonl
    python bench/search_stages.py --compare /tmp/old.jsonl /tmp/new.jsonl

``--backend local --per-language N`` runs only the queries the rules are unsure of (those a model
is asked about), at most N per language, to time the model path. ``--compare`` says whether
the answers are identical, query by query, and prints per stage p50/p95 of both side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import importlib
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if sys.path and Path(sys.path[0]).resolve() == HERE:
    sys.path.pop(0)  # run as a script: bench/api.py must not shadow the project's api package
ANSWER_KEYS = ("slots", "product_ids", "matching_ids", "close", "notice", "backend")


class _Clock:
    """Seconds and calls per named stage for the query being run."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def add(self, stage: str, seconds: float, calls: int = 1) -> None:
        self.seconds[stage] += seconds
        self.calls[stage] += calls


CLOCK = _Clock()


def _timed(stage: str, fn: Any) -> Any:
    if asyncio.iscoroutinefunction(fn):
        @functools.wraps(fn)
        async def run_async(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await fn(*args, **kwargs)
            finally:
                CLOCK.add(stage, time.perf_counter() - started)
        return run_async

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            CLOCK.add(stage, time.perf_counter() - started)
    return run


def _wrap(module_name: str, attribute: str, stage: str) -> None:
    """Time ``module.attribute`` as ``stage`` (skipped when a version lacks it)."""
    module = importlib.import_module(module_name)
    if hasattr(module, attribute):
        setattr(module, attribute, _timed(stage, getattr(module, attribute)))


class TimedReader:
    """A reader whose every named statement is timed (round trip included)."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader

    async def read(self, name: Any, **params: Any) -> list[dict[str, Any]]:
        started = time.perf_counter()
        try:
            return await self._reader.read(name, **params)
        finally:
            CLOCK.add(f"cypher:{Path(str(name)).stem}", time.perf_counter() - started)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


def _instrument(embedder: Any) -> None:
    query = embedder.query

    def timed_query(texts: list[str]) -> Any:
        started = time.perf_counter()
        try:
            return query(texts)
        finally:
            CLOCK.add("embedder", time.perf_counter() - started)
            CLOCK.add("embedder_texts", 0.0, len(texts))
    embedder.query = timed_query
    _wrap("api.nlq.rules", "parse", "rules_parse")
    _wrap("api.nlq.lexicon_store", "build_lexicon", "lexicon_build")
    _wrap("api.nlq.search", "current_lexicon", "lexicon")
    _wrap("api.nlq.search", "category_vectors", "category_vectors")
    _wrap("api.nlq.grounding", "category_by_meaning", "meaning")
    _wrap("api.nlq.grounding", "_category_from_titles", "titles")


def _queries(source: Path) -> list[dict]:
    if source.is_dir():
        path = next(p for p in (source / "queries.jsonl", source / "labels.jsonl") if p.exists())
    else:
        path = source
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [{"query": r["query"], "lang": r.get("language") or r.get("lang"),
             "id": r.get("id") or f"q{n:03d}"} for n, r in enumerate(rows, 1)]


def _answer(outcome: Any) -> dict:
    return {
        "slots": [[s.name, s.value, s.grounded_id, s.source] for s in outcome.interpretation],
        "product_ids": list(outcome.product_ids), "matching_ids": list(outcome.matching_ids),
        "close": [[c.relaxed, c.label, list(c.product_ids)] for c in outcome.close_matches],
        "notice": outcome.notice, "backend": outcome.backend,
    }


async def run(source: Path, first: int, backend: str = "rules",
              per_language: int | None = None) -> list[dict]:
    from neo4j import AsyncGraphDatabase

    from api.nlq import rules
    from api.nlq.lexicon_store import current_lexicon
    from api.nlq.reads import reader_for
    from api.nlq.search import search_with
    from api.nlq.understand import rules_are_unsure
    from borderless.settings import get_settings
    from language.embedders import get_embedder

    from language.llm import language_model

    settings = get_settings().model_copy(update={"nlq_backend": backend})
    key = f"{settings.bolt_uri()}/{settings.neo4j_database}"
    _instrument(get_embedder(settings))
    model = language_model(settings)
    taken: dict[str, int] = defaultdict(int)
    rows = []
    # Notifications off, as the API's driver has them (graph/session.py).
    async with AsyncGraphDatabase.driver(settings.bolt_uri(), auth=settings.neo4j_auth(),
                                         notifications_min_severity="OFF") as driver:
        reader = TimedReader(reader_for(driver, settings))
        for warm in ("warm up", "kettle"):  # lexicon, embedder, category vectors, query plans
            await search_with(reader, settings, query=warm, lang="en", ship_to=None,
                              currency=None, first=first, shopper_id=None, lexicon_key=key)
        for query in _queries(source):
            if model is not None:
                # A model backend: only the queries it is asked about (the rules are unsure),
                # at most ``per_language`` of each language (seconds each on a CPU).
                lexicon = await current_lexicon(reader, key)
                if (not rules_are_unsure(rules.parse(query["query"], query["lang"], lexicon))
                        or taken[query["lang"]] >= (per_language or 10**9)):
                    continue
                taken[query["lang"]] += 1
            CLOCK.seconds.clear()
            CLOCK.calls.clear()
            timings: dict[str, float] = {}
            started = time.perf_counter()
            outcome = await search_with(reader, settings, query=query["query"], lang=query["lang"],
                                        ship_to=None, currency=None, first=first, shopper_id=None,
                                        lexicon_key=key, timings=timings, model=model)
            total = time.perf_counter() - started
            stages = {"total": total, **timings, **CLOCK.seconds}
            calls = dict(CLOCK.calls)
            lexicon = await current_lexicon(reader, key)
            unsure = rules_are_unsure(rules.parse(query["query"], query["lang"], lexicon))
            rows.append({**query, **_answer(outcome), "unsure": unsure,
                         "ms": {k: round(v * 1000, 3) for k, v in stages.items()},
                         "calls": calls})
    return rows


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def _stage_table(rows: list[dict]) -> dict[str, tuple[float, float, float]]:
    """Per stage: p50 and p95 over all queries (0 where a query skipped it), calls per query."""
    names = sorted({k for r in rows for k in r["ms"]}, key=lambda k: (k != "total", k))
    return {name: (statistics.median(r["ms"].get(name, 0.0) for r in rows),
                   percentile([r["ms"].get(name, 0.0) for r in rows], 0.95),
                   sum(r["calls"].get(name, 0) for r in rows) / len(rows))
            for name in names}


def compare(old_path: Path, new_path: Path) -> int:
    old = [json.loads(x) for x in old_path.read_text("utf-8").splitlines() if x.strip()]
    new = [json.loads(x) for x in new_path.read_text("utf-8").splitlines() if x.strip()]
    differing = [(a, b) for a, b in zip(old, new, strict=True)
                 if a["query"] != b["query"] or any(a[k] != b[k] for k in ANSWER_KEYS)]
    print(f"answers: {len(old) - len(differing)} of {len(old)} identical "
          f"(slots, exact matches, every matching id, close matches, notice)")
    for a, b in differing:
        keys = [k for k in ANSWER_KEYS if a[k] != b[k]]
        print(f"  differs: {a['id']} {a['query']!r}: {keys}")
    unsure = sum(r["unsure"] for r in new)
    print(f"rules unsure (a model backend would be asked): {unsure} of {len(new)} "
          f"({unsure / len(new):.0%})")
    before, after = _stage_table(old), _stage_table(new)
    print(f"{'stage':42} {'p50 before':>10} {'p50 after':>10} {'p95 before':>10} "
          f"{'p95 after':>10} {'calls/q before':>14} {'after':>6}")
    for name in dict.fromkeys([*before, *after]):
        b, a = before.get(name, (0, 0, 0)), after.get(name, (0, 0, 0))
        print(f"{name:42} {b[0]:>10.1f} {a[0]:>10.1f} {b[1]:>10.1f} {a[1]:>10.1f} "
              f"{b[2]:>14.2f} {a[2]:>6.2f}")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description="search time per stage, and its answers")
    parser.add_argument("source", type=Path, nargs="?",
                        help="a world folder or a .jsonl of queries (default: bench/nlq_queries.jsonl)")
    parser.add_argument("--first", type=int, default=10)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--backend", default="rules", choices=("rules", "local", "openai"),
                        help="a model backend runs only the queries the rules are unsure of")
    parser.add_argument("--per-language", type=int, help="with a model backend: at most this many")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("OLD", "NEW"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    rows = asyncio.run(run(args.source or HERE / "nlq_queries.jsonl", args.first, args.backend,
                           args.per_language))
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if args.out:
        args.out.write_text(text, "utf-8")
    if not rows:
        print("no query run")
        return 0
    answered = sum(r["backend"] != "rules" for r in rows)
    print(f"{len(rows)} queries; answered by {args.backend}: {answered}, by the rules: "
          f"{len(rows) - answered}; rules unsure: {sum(r['unsure'] for r in rows)}")
    table = _stage_table(rows)
    for name, (p50, p95, calls) in table.items():
        print(f"{name:42} p50 {p50:8.1f}  p95 {p95:8.1f}  calls/query {calls:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
