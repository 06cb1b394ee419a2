"""Voice search quality and speed: spoken versions of labelled search queries, per language.

For a sample of ``bench/nlq_queries.jsonl`` (``--per-language`` queries of each language, the same
sample for the same ``--seed``), each query is spoken by the shop's own voices
(``language.speak``: Piper for English, espeak-ng for every language; English is spoken by both,
reported apart), transcribed by Whisper base (``language.speech``, the language given, as the
API does when the client sends it) and searched. It reports, per language and voice:

- word error rate (Levenshtein over words, after lower-casing and dropping punctuation); for
  Chinese and Japanese, which do not separate words, the character error rate instead;
- end-to-end success: the search of the transcript understands the same constraints (the
  interpretation's slots: category, brand, colour, price, ship-to...) as the search of the typed
  query; and the share whose slots match the query's labels, typed and spoken;
- transcription time (p50/p95) and the real-time factor (transcription time / audio length).

Needs the demo shop (``borderless load taxonomy``, ``load demo``, ``load text-index``) in the
Neo4j of the environment, and espeak-ng. Prints a table (``--json`` for JSON).

    PYTHONPATH=bench python -m bench.voice [--per-language 5] [--seed 1] [--out F] [--json]
    PYTHONPATH=bench python -m bench.voice --summarise F   # the table of a (partial) run
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from neo4j import AsyncGraphDatabase

from api.nlq.reads import reader_for
from api.nlq.search import search_with
from borderless.settings import get_settings
from language.speak import engine_for, speak
from language.speech import decode, transcribe

HERE = Path(__file__).parent
# bench.nlq (the slot read-out of search, shared) imports its sibling bench_cypher by that name.
sys.path.insert(0, str(HERE))
from bench.nlq import expected_slots, percentile, predicted_slots  # noqa: E402
# Languages written without spaces between words: error rate over characters.
CHARACTER_LANGUAGES = frozenset({"zh", "ja"})
SLOTS_COMPARED = ("category", "brand", "colour", "material", "gender", "size", "price_max",
                  "price_min", "currency", "ship_to", "sort")


def tokens(text: str, language: str) -> list[str]:
    """Words (or, for Chinese and Japanese, characters) after normalising case and punctuation."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join(" " if unicodedata.category(c).startswith(("P", "S")) else c for c in text)
    if language in CHARACTER_LANGUAGES:
        return [c for c in text if not c.isspace()]
    return text.split()


def edit_distance(reference: list[str], heard: list[str]) -> int:
    """Levenshtein distance over tokens (substitutions, deletions and insertions cost 1)."""
    previous = list(range(len(heard) + 1))
    for i, ref in enumerate(reference, 1):
        current = [i]
        for j, hyp in enumerate(heard, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp)))
        previous = current
    return previous[-1]


def sample(queries: list[dict], per_language: int, seed: int) -> list[dict]:
    by_language: dict[str, list[dict]] = defaultdict(list)
    for row in queries:
        by_language[row["lang"]].append(row)
    rng = random.Random(seed)
    return [row for lang in sorted(by_language)
            for row in rng.sample(by_language[lang], min(per_language, len(by_language[lang])))]


async def run(args: argparse.Namespace) -> list[dict]:
    settings = get_settings()
    queries = [json.loads(line) for line in args.queries.read_text(encoding="utf-8").splitlines()]
    chosen = sample(queries, args.per_language, args.seed)
    results = []
    async with AsyncGraphDatabase.driver(settings.bolt_uri(), auth=settings.neo4j_auth()) as driver:
        reader = reader_for(driver, settings)
        key = f"{settings.bolt_uri()}/{settings.neo4j_database}"

        async def slots(text: str, lang: str) -> set[tuple[str, str]]:
            outcome = await search_with(reader, settings, query=text, lang=lang, ship_to=None,
                                        currency=None, first=args.first, shopper_id=None,
                                        lexicon_key=key)
            return {s for s in predicted_slots(outcome) if s[0] in SLOTS_COMPARED}

        # Warm the model, lexicon and embedder: the figures show the steady state.
        transcribe(settings, decode(speak("warm up", "en")), "en")
        await slots("warm up", "en")
        for n, row in enumerate(chosen, 1):
            lang = row["lang"]
            voices = ["auto", "espeak-ng"] if engine_for(lang) != "espeak-ng" else ["auto"]
            typed = await slots(row["query"], lang)
            for voice in voices:
                audio = decode(speak(row["query"], lang, voice))
                heard = transcribe(settings, audio, lang)
                spoken = await slots(heard.text, lang) if heard.text else set()
                reference = tokens(row["query"], lang)
                results.append({
                    "lang": lang, "voice": engine_for(lang, voice), "query": row["query"],
                    "transcript": heard.text,
                    "errors": edit_distance(reference, tokens(heard.text, lang)),
                    "reference_tokens": len(reference),
                    "same_slots": spoken == typed,
                    "typed_labels": typed == expected_slots(row["expect"]),
                    "spoken_labels": spoken == expected_slots(row["expect"]),
                    "audio_s": heard.duration_s, "transcribe_s": heard.seconds,
                })
            if args.out:  # row by row: a run stopped early keeps what it measured
                with args.out.open("a", encoding="utf-8") as out:
                    out.writelines(json.dumps(r, ensure_ascii=False) + "\n"
                                   for r in results[-len(voices):])
            print(f"{n}/{len(chosen)} {lang}: {results[-1]['transcript']!r}", file=sys.stderr)
    return results


def summarise(results: list[dict]) -> dict[str, dict]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        groups[f"{r['lang']}/{r['voice']}"].append(r)
        groups["all"].append(r)
    table = {}
    for name, rows in sorted(groups.items()):
        seconds = [r["transcribe_s"] for r in rows]
        table[name] = {
            "n": len(rows),
            "error_rate": sum(r["errors"] for r in rows) / sum(r["reference_tokens"] for r in rows),
            "unit": "mixed" if name == "all" else (
                "char" if rows[0]["lang"] in CHARACTER_LANGUAGES else "word"),
            "same_slots": sum(r["same_slots"] for r in rows) / len(rows),
            "typed_labels": sum(r["typed_labels"] for r in rows) / len(rows),
            "spoken_labels": sum(r["spoken_labels"] for r in rows) / len(rows),
            "transcribe_p50_s": statistics.median(seconds),
            "transcribe_p95_s": percentile(seconds, 0.95),
            "real_time_factor": sum(seconds) / sum(r["audio_s"] for r in rows),
        }
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description="voice search: WER, end-to-end success, speed")
    parser.add_argument("--queries", type=Path, default=HERE / "nlq_queries.jsonl")
    parser.add_argument("--per-language", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--first", type=int, default=20)
    parser.add_argument("--out", type=Path, help="append every query's result as JSON Lines here")
    parser.add_argument("--summarise", type=Path, help="only summarise the results in this file")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.summarise:
        lines = args.summarise.read_text(encoding="utf-8").splitlines()
        results = [json.loads(line) for line in lines]
    else:
        results = asyncio.run(run(args))
    table = summarise(results)
    if args.json:
        print(json.dumps(table, indent=1))
        return 0
    print(f"{'lang/voice':14} {'n':>3} {'ER':>6} {'unit':>5} {'same slots':>10} {'typed=label':>11} "
          f"{'spoken=label':>12} {'p50 s':>6} {'p95 s':>6} {'RTF':>5}")
    for name, row in table.items():
        print(f"{name:14} {row['n']:>3} {row['error_rate']:>6.1%} {row['unit']:>5} "
              f"{row['same_slots']:>10.0%} {row['typed_labels']:>11.0%} {row['spoken_labels']:>12.0%} "
              f"{row['transcribe_p50_s']:>6.1f} {row['transcribe_p95_s']:>6.1f} "
              f"{row['real_time_factor']:>5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
