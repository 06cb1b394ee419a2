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
                              [--questions FILE] [--phrase-with-model N [--model-timeout S]]

``--questions FILE`` replaces the built-in phrasings with a file's (a question set written apart
from this code). The file is JSON, the shape of ``PHRASES`` in ``bench/assistant_questions.py``::

    {"_about": "keys starting with _ are ignored",
     "order_status":      {"en": ["Where is order {order}?", "Any news on my parcel?"], "de": [...]},
     "delivery_estimate": {"ja": ["注文{order}はいつ届きますか"]},
     "ships_to":          {"fr": ["Livrez-vous {product} en {country} ?"]},
     "returns":           {"es": ["¿Cómo devuelvo algo en {country}?"]},
     "duties":            {"pt": ["Quanto pago de imposto em {country}?"]},
     "product_question":  {"zh": ["{product}是什么材质？"]},
     "similar":           {"en": ["Got anything like {product}?"]},
     "human":             {"de": ["Ich möchte mit einem Menschen sprechen"]},
     "cannot_help":       {"en": ["What's the weather like?"]}}

Keys are the eight intents (``api/assistant/understand.py``) plus ``cannot_help`` (messages the
shop holds no facts for: the answer must be the honest "I can't help with that" and a ticket,
scored as intent ``human``); under each, language codes (``en de es fr pt zh ja``; any may be
left out) with a list of phrasings. Placeholders are filled from the demo world, and the facts
the answer must state are computed from the generated files for the values filled in:
``{order}`` (order_status, delivery_estimate; without it the asker's newest order is meant),
``{product}`` (required by ships_to, product_question, similar), ``{country}`` (required by
ships_to, returns, duties; filled with a name of the country a writer of that language might use).
human and cannot_help take none. Each phrasing is asked at least once (``--per-cell`` times
where a cell has fewer phrasings, cycling). A phrasing with a placeholder its intent does not take,
or without one it needs, is left out with a warning naming file, intent, language and position.

``--phrase-with-model N`` then asks N of the questions (spread over the languages, seeded) again
with ``BORDERLESS_ASSISTANT_PHRASING=true`` and the local model (``BORDERLESS_LOCAL_MODEL_PATH`` or
the embedded Qwen2.5-Coder-0.5B), and reports the share of model texts the fact checker accepted,
the share replaced by the template (with the checker's reasons), accepted texts that state a wrong
fact by this bench's own check (an invented number or date, a no turned into a yes; must be 0),
accepted texts that lost an expected fact, and p50/p95 latency of ``answer`` on that path (model
load excluded).
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
from pathlib import Path
from typing import Any

from api.assistant import answer
from api.assistant.understand import understand
from api.db import api_session
from borderless.settings import get_settings
from graph.driver import open_driver, run_auto
from graph.session import open_async_driver
from loaders.demo import load_demo
from loaders.demo_shop import DemoConfig
from bench.assistant_phrasing import phrase_with_model
from bench.assistant_questions import Question, build_questions, load_phrases
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


def _print_phrasing(p: dict[str, Any]) -> None:
    print(f"\nphrasing by {p['model']} (loaded in {p['load_s']} s) on {p['questions']} answers, "
          f"languages {' '.join(p['languages'])}: accepted {p['accepted']} "
          f"({p['accepted_share']:.0%}), replaced by the template {p['replaced_by_template']}, "
          f"accepted with a wrong fact {p['accepted_with_wrong_fact']}, "
          f"accepted missing a fact {p['accepted_missing_a_fact']}, "
          f"p50 {p['p50_ms']} ms, p95 {p['p95_ms']} ms")
    for r in p["answers"]:
        verdict = "sent" if r["accepted"] else f"refused: {'; '.join(r['refused']) or '?'}"
        print(f"- [{r['language']} {r['intent']}] {r['ms']:.0f} ms {verdict}"
              + (f" WRONG {r['wrong']}" if r["wrong"] else "") + f": {r['sent']!r}")


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
    parser.add_argument("--questions", type=Path, metavar="FILE",
                        help="phrasings to ask instead of the built-in ones (format above)")
    parser.add_argument("--phrase-with-model", type=int, default=0, metavar="N",
                        help="ask N questions again with the local model phrasing the answers")
    parser.add_argument("--model-timeout", type=float, default=60.0, metavar="S",
                        help="seconds the model may take per answer (then the template goes)")
    args = parser.parse_args()
    try:
        phrases = load_phrases(args.questions) if args.questions else None
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    settings = get_settings()
    folder = settings.state_dir / "bench-assistant"
    config = DemoConfig(products=args.products, seed=args.seed, prefix=args.prefix)
    with open_driver(settings) as driver:
        if not args.no_load:
            run = load_demo(driver, settings, config, folder, progress=False)
            if run.report and run.report.quarantined:
                print(f"warning: {run.report.quarantined} demo rows quarantined", file=sys.stderr)
        questions = build_questions(folder, args.per_cell, args.seed, phrases)
        rows = asyncio.run(_ask_all(questions))
        phrasing = asyncio.run(phrase_with_model(
            settings, questions, args.phrase_with_model, args.seed, args.model_timeout,
            _numbers)) if args.phrase_with_model else None
        run_auto(driver, cypher_file("assistant_bench_cleanup"), settings.neo4j_database,
                 ids=[r["conversation"] for r in rows + (phrasing["answers"] if phrasing else [])])
        if not args.keep:
            run_auto(driver, cypher_file("bench_delete_prefix"), settings.neo4j_database,
                     prefix=args.prefix)
    by_lang: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_lang[r["language"]].append(r)
    report = {"seed": args.seed, "products": args.products,
              "questions_file": str(args.questions) if args.questions else None,
              "all": _summary(rows), "phrasing": phrasing,
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
        if phrasing:
            _print_phrasing(phrasing)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
