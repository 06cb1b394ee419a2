"""Search quality on an evaluation world (``bench/worlds/<name>``), per language, slot by slot.

A world is a catalog plus labelled queries written apart from the code (``queries.jsonl``: the
expected category, colour, material, brand, price cap and currency, ship-to, recipient, and
``no_match`` when the shop holds nothing that fits). This runs every query through the real
``search`` path (rules backend unless ``--backend``) against the Neo4j in the environment, which
must hold that world's catalog (``borderless load catalog bench/worlds/<name>/catalog`` and
``borderless load text-index``), and reports per language:

- all slots right: every labelled slot grounded exactly as labelled, nothing more (a category,
  colour, material, brand, ship-to, recipient or price the label lacks counts as wrong);
- the failing slot counts, so a change shows which class it moved;
- no-match right: a ``no_match`` query returned no exact match;
- p50/p95 of understand+ground and of the whole search.

    PYTHONPATH=bench python -m bench.world bench/worlds/outside1 [--out results.jsonl]

It reads the answer as the API gives it (the interpretation and the product ids); the catalog's
own data is not consulted, so it judges the grounding the way a shopper would see it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from neo4j import AsyncGraphDatabase

from api.nlq.reads import reader_for
from api.nlq.search import search_with
from borderless.settings import get_settings

LABELLED = ("category", "brand", "colour", "material", "ship_to", "recipient", "price")


def got_slots(interpretation) -> dict[str, object]:
    """What the answer understood, in the label's terms."""
    found: dict[str, set] = defaultdict(set)
    price: tuple[float | None, str | None] = (None, None)
    for slot in interpretation:
        if slot.name in ("category", "brand", "ship_to"):
            found[slot.name].add(slot.grounded_id or slot.value)
        elif slot.name in ("colour", "material", "recipient"):
            found[slot.name].add(slot.value)
        elif slot.name == "price_max":
            price = (float(slot.value.split()[0]), slot.grounded_id)
    return {**{k: found[k] for k in LABELLED if k != "price"}, "price": price}


def want_slots(label: dict) -> dict[str, object]:
    """What the label expects, in the same shape as :func:`got_slots`."""
    out: dict[str, object] = {k: ({label[k]} if label.get(k) else set())
                              for k in LABELLED if k != "price"}
    cap = label.get("max_price")
    out["price"] = (float(cap) if cap is not None else None, label.get("currency") if cap else None)
    return out


def _label(row: dict, line: int) -> dict:
    """One labelled query; worlds written apart name the language ``language`` or ``lang`` and
    may carry no id (then ``<lang><line>``)."""
    lang = row.get("language") or row["lang"]
    return {**row, "language": lang, "id": row.get("id") or f"{lang}{line:03d}"}


def _also_ok(got: object, label: dict) -> bool:
    """Whether the grounded categories are all among the label's (outside3's ``also_ok``)."""
    ok = {label.get("category"), *(label.get("also_ok") or [])} - {None}
    return isinstance(got, set) and bool(got) and got <= ok


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


async def run(world: Path, backend: str, first: int) -> list[dict]:
    settings = get_settings()
    settings = settings.model_copy(update={"nlq_backend": backend})
    # outside3 names its file ``labels.jsonl``.
    path = world / "queries.jsonl" if (world / "queries.jsonl").exists() else world / "labels.jsonl"
    labels = [_label(json.loads(line), n) for n, line in
              enumerate(path.read_text("utf-8").splitlines(), 1) if line.strip()]
    key = f"{settings.bolt_uri()}/{settings.neo4j_database}"
    rows = []
    async with AsyncGraphDatabase.driver(settings.bolt_uri(), auth=settings.neo4j_auth()) as driver:
        reader = reader_for(driver, settings)
        for warm in ("warm up", "kettle"):  # lexicon, embedder and category vectors
            await search_with(reader, settings, query=warm, lang="en", ship_to=None,
                              currency=None, first=first, shopper_id=None, lexicon_key=key)
        for label in labels:
            timings: dict[str, float] = {}
            started = time.perf_counter()
            outcome = await search_with(reader, settings, query=label["query"],
                                        lang=label["language"], ship_to=None, currency=None,
                                        first=first, shopper_id=None, lexicon_key=key,
                                        timings=timings)
            total = time.perf_counter() - started
            got, want = got_slots(outcome.interpretation), want_slots(label)
            wrong = [k for k in LABELLED if got[k] != want[k]
                     and not (k == "category" and _also_ok(got[k], label))]
            rows.append({
                "id": label["id"], "lang": label["language"], "query": label["query"],
                "wrong": wrong, "got": {k: sorted(v) if isinstance(v, set) else v
                                        for k, v in got.items() if v and v != (None, None)},
                "no_match": bool(label.get("no_match")), "returned": len(outcome.product_ids),
                "ms": {"total": total * 1000,
                       "understand_ground": (timings.get("understand", 0)
                                             + timings.get("ground", 0)) * 1000},
            })
    return rows


def summarise(rows: list[dict]) -> dict[str, dict]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row["lang"]].append(row)
        groups["all"].append(row)
    table = {}
    for lang, group in groups.items():
        no_match = [r for r in group if r["no_match"]]
        table[lang] = {
            "n": len(group),
            "all_slots_right": sum(not r["wrong"] for r in group) / len(group),
            "wrong": dict(Counter(k for r in group for k in r["wrong"])),
            "no_match_right": f"{sum(r['returned'] == 0 for r in no_match)}/{len(no_match)}",
            "understand_ground_p95_ms": percentile([r["ms"]["understand_ground"] for r in group], .95),
            "total_p50_ms": statistics.median(r["ms"]["total"] for r in group),
            "total_p95_ms": percentile([r["ms"]["total"] for r in group], .95),
        }
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description="search quality on an evaluation world")
    parser.add_argument("world", type=Path, help="folder with queries.jsonl")
    parser.add_argument("--backend", default="rules")
    parser.add_argument("--first", type=int, default=10)
    parser.add_argument("--out", type=Path, help="every query's result as JSON Lines")
    parser.add_argument("--failures", action="store_true", help="print each wrong query")
    args = parser.parse_args()
    rows = asyncio.run(run(args.world, args.backend, args.first))
    if args.out:
        args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    if args.failures:
        for r in rows:
            if r["wrong"]:
                print(f"{r['id']:6} {r['query']}  wrong={r['wrong']} got={r['got']}")
    order = ["en", "de", "es", "fr", "pt", "zh", "ja", "all"]
    table = summarise(rows)
    print(f"{'lang':5} {'n':>4} {'slots':>7} {'no-match':>9} {'u+g p95':>8} {'p50':>7} {'p95':>7}  wrong")
    for lang in [x for x in order if x in table]:
        t = table[lang]
        print(f"{lang:5} {t['n']:>4} {t['all_slots_right']:>7.1%} {t['no_match_right']:>9} "
              f"{t['understand_ground_p95_ms']:>8.1f} {t['total_p50_ms']:>7.1f} "
              f"{t['total_p95_ms']:>7.1f}  {t['wrong']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
