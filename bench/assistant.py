"""The customer-service assistant on a demo world it was never tuned on: quality and speed.

Generates and loads a demo shop with its own seed and prefix (default seed 77, ``ab-``; the
assistant's tests use ``tests/data/service`` and the classifier's questions never mention a demo
id), builds the labelled questions of :mod:`bench.assistant_questions` (eight intents, seven
languages, eval-only phrasings, the facts each answer must state, taken from the generated files),
asks :func:`api.assistant.answer` each one on the template path, and prints per language:

- intent accuracy;
- facts-all-match: answers that state every expected fact;
- invented: answers holding a number or date that none of the question's facts holds (aim 0);
- handoff: the handoff (person, recommendations, none) is the expected one;
- p50/p95 latency of ``answer`` (graph reads, the turn's write, and the classifier when no cue
  word places the message), and p95 of the messages cue words place (no embedding).

    python -m bench.assistant [--seed 77] [--products 300] [--per-cell 6] [--json] [--keep]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import sys
import time
from collections import defaultdict
from typing import Any

from api.assistant import answer
from api.assistant.understand import understand
from api.db import api_session
from borderless.settings import get_settings
from graph.driver import open_driver, run_auto
from graph.session import open_async_driver
from loaders.demo import load_demo
from loaders.demo_shop import DemoConfig
from bench.assistant_questions import Question, build_questions
from bench.bench_cypher import cypher_file

_NUMBER = re.compile(r"\d+(?:[.:\-]\d+)*")


def _numbers(texts: list[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        for n in _NUMBER.findall(text):
            found |= {n, *n.split("-"), *n.split(".")}
    return found


async def _ask_all(questions: list[Question]) -> list[dict[str, Any]]:
    settings = get_settings().model_copy(update={"assistant_phrasing": False})
    driver = open_async_driver(settings, connect_timeout_s=10, retry_time_s=5)
    session = api_session(driver, settings, on_round_trip=lambda _name: None)
    results = []
    try:
        for q in questions:
            start = time.perf_counter()
            said = await answer(session, settings, None, q.text, q.language, q.shopper_id)
            elapsed = time.perf_counter() - start
            allowed = _numbers([*q.allowed, q.text, *said.citations, said.ticket_id or ""])
            invented = sorted(n for n in _NUMBER.findall(said.text) if n not in allowed)
            results.append({
                "language": q.language, "intent": q.intent, "got": said.intent,
                "facts_ok": all(f in said.text for f in q.facts), "invented": invented,
                "handoff_ok": said.handoff == q.handoff, "ms": elapsed * 1000,
                "classifier": understand(q.text).intent is None,
                "conversation": said.conversation_id, "question": q.text, "answer": said.text,
                "missing": [f for f in q.facts if f not in said.text]})
    finally:
        await driver.close()
    return results


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    ms = sorted(r["ms"] for r in rows)
    cue = sorted(r["ms"] for r in rows if not r["classifier"]) or [0.0]
    return {"questions": len(rows), "via_classifier": sum(r["classifier"] for r in rows),
            "p95_ms_cue_words": round(cue[min(len(cue) - 1, int(0.95 * len(cue)))], 1),
            "intent_accuracy": round(sum(r["got"] == r["intent"] for r in rows) / len(rows), 3),
            "facts_all_match": round(sum(r["facts_ok"] for r in rows) / len(rows), 3),
            "invented": sum(bool(r["invented"]) for r in rows),
            "handoff_correct": round(sum(r["handoff_ok"] for r in rows) / len(rows), 3),
            "p50_ms": round(statistics.median(ms), 1),
            "p95_ms": round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=77)
    parser.add_argument("--products", type=int, default=300)
    parser.add_argument("--per-cell", type=int, default=6, help="questions per intent and language")
    parser.add_argument("--prefix", default="ab-")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the demo world loaded")
    parser.add_argument("--no-load", action="store_true",
                        help="use the world a previous --keep run left (same seed and prefix)")
    args = parser.parse_args()
    settings = get_settings()
    folder = settings.state_dir / "bench-assistant"
    config = DemoConfig(products=args.products, seed=args.seed, prefix=args.prefix)
    with open_driver(settings) as driver:
        if not args.no_load:
            run = load_demo(driver, settings, config, folder, progress=False)
            if run.report and run.report.quarantined:
                print(f"warning: {run.report.quarantined} demo rows quarantined", file=sys.stderr)
        questions = build_questions(folder, args.per_cell, args.seed)
        rows = asyncio.run(_ask_all(questions))
        run_auto(driver, cypher_file("assistant_bench_cleanup"), settings.neo4j_database,
                 ids=[r["conversation"] for r in rows])
        if not args.keep:
            run_auto(driver, cypher_file("bench_delete_prefix"), settings.neo4j_database,
                     prefix=args.prefix)
    by_lang: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_lang[r["language"]].append(r)
    report = {"seed": args.seed, "products": args.products, "all": _summary(rows),
              "languages": {lang: _summary(rs) for lang, rs in by_lang.items()},
              "failures": [r for r in rows if r["got"] != r["intent"] or not r["facts_ok"]
                           or r["invented"] or not r["handoff_ok"]][:40]}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"{'lang':5} {'n':>4} {'intent':>7} {'facts':>6} {'invented':>8} {'handoff':>7} "
              f"{'p50 ms':>7} {'p95 ms':>7} {'p95 cue':>7} {'clf':>4}")
        for lang, s in [*report["languages"].items(), ("all", report["all"])]:
            print(f"{lang:5} {s['questions']:>4} {s['intent_accuracy']:>7} {s['facts_all_match']:>6}"
                  f" {s['invented']:>8} {s['handoff_correct']:>7} {s['p50_ms']:>7} {s['p95_ms']:>7}"
                  f" {s['p95_ms_cue_words']:>7} {s['via_classifier']:>4}")
        for r in report["failures"]:
            print(f"- [{r['language']} {r['intent']}->{r['got']}] {r['question']!r}: {r['answer']!r}"
                  f" missing={r['missing']} invented={r['invented']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
