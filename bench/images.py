"""How well product pictures find products, and how fast they embed: one run, side by side.

On the demo shop's rendered pictures (``loaders.demo_images``: drawings per category, colour and
shape, not photos) it prints, in one JSON object (the first three measured in memory, with no
Neo4j):

- precision@10 of "same category" and of "same category and colour" among each product's ten
  nearest pictures, by look alone and by look re-ranked with the colour descriptor (the way
  "the same bag in red" is found);
- search-by-photo success: held-out "shopper photos" (the same product drawn again with another
  jitter, a tinted background, blur and noise), how often the product itself is first or in the
  top 10, and how often the top 10 hold its category and colour;
- embedding throughput (images per second, decoding and preprocessing included) on CPU, and on
  CUDA when present;
- cold-start Recall@20 with and without images (``bench/images_cold_start.py``): on a demo shop
  with pictures in the configured Neo4j (built under ``--shop-prefix`` and embedded by
  ``load image-index`` if missing; the taxonomy must be loaded), ``bench/kg_models.py``'s
  cold-start protocol with ``--images``, the same seeds and split with and without the input.
  ``--no-cold-start`` skips it (the rest needs no Neo4j).

The held-out photos are never in the index: the index holds each product's listing picture, and
the photos are drawn apart from it (another seed for place, size and angle; another background).

    PYTHONPATH=. python bench/images.py --products 400 --photos 100 --shop-products 800 \
        --cold-seeds 0 1 --json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from typing import Any

import numpy as np
import torch

from images_cold_start import add_options, cold_start

# Look plus this weight times the colour histograms' intersection: the re-ranking score.
COLOUR_WEIGHT = 0.5
RERANK_DEPTH = 50


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--products", type=int, default=400)
    p.add_argument("--photos", type=int, default=100, help="held-out shopper photos")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--threads", type=int)
    p.add_argument("--json", action="store_true")
    add_options(p)
    return p.parse_args(argv)


def embed_all(encoder: Any, blobs: list[bytes], batch: int) -> tuple[np.ndarray, float]:
    """Vectors of every picture and the images per second it took (decode to vector)."""
    from vision.encoder import open_image

    encoder.embed([open_image(blobs[0])])  # the weights load and the first call warm up
    if encoder.device.type == "cuda":
        torch.cuda.synchronize()
    tick = time.perf_counter()
    out = [encoder.embed([open_image(b) for b in blobs[i: i + batch]]) for i in range(0, len(blobs), batch)]
    if encoder.device.type == "cuda":
        torch.cuda.synchronize()
    return np.vstack(out), len(blobs) / (time.perf_counter() - tick)


def neighbours(vectors: np.ndarray, colours: np.ndarray, queries: np.ndarray, query_colours: np.ndarray,
               exclude_self: bool, k: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """Top-``k`` indices by look, and by look re-ranked with colour, for each query."""
    look = queries @ vectors.T
    if exclude_self:
        np.fill_diagonal(look, -np.inf)
    by_look = np.argsort(-look, axis=1)[:, :k]
    depth = np.argsort(-look, axis=1)[:, :RERANK_DEPTH]
    colour = np.minimum(query_colours[:, None, :], colours[depth]).sum(-1)  # histogram intersection
    score = np.take_along_axis(look, depth, 1) + COLOUR_WEIGHT * colour
    by_both = np.take_along_axis(depth, np.argsort(-score, axis=1)[:, :k], 1)
    return by_look, by_both


def run(args: argparse.Namespace) -> dict[str, Any]:
    from loaders.demo_images import render_product
    from loaders.demo_shop import DemoCatalog, DemoConfig
    from vision.encoder import MODEL_ID, ImageEncoder, colour_descriptor, open_image

    if args.threads:
        torch.set_num_threads(args.threads)
    with open("/proc/loadavg") as f:
        load_before = f.read().split()[:3]
    products = list(DemoCatalog(DemoConfig(products=args.products, seed=args.seed)).products())
    category = np.array([p["category_id"] for p in products])
    colour = np.array([p.get("colour", "") for p in products])
    tick = time.perf_counter()
    listing = [render_product(p["category_id"], p.get("colour"), p["id"]) for p in products]
    render_s = time.perf_counter() - tick
    rng = np.random.default_rng(args.seed)
    held_out = rng.choice(len(products), size=min(args.photos, len(products)), replace=False)
    photos = [render_product(products[i]["category_id"], products[i].get("colour"), products[i]["id"],
                             photo=True) for i in held_out]
    throughput: dict[str, float] = {}
    cpu = ImageEncoder("cpu")
    vectors, throughput["cpu"] = embed_all(cpu, listing, args.batch)
    if torch.cuda.is_available():
        _, throughput["cuda"] = embed_all(ImageEncoder("cuda"), listing, args.batch)
    photo_vectors = cpu.embed([open_image(b) for b in photos])
    colours = np.array([colour_descriptor(open_image(b)) for b in listing])
    photo_colours = np.array([colour_descriptor(open_image(b)) for b in photos])

    def precision(top: np.ndarray, of: np.ndarray, same: Any) -> float:
        return float(np.mean([same(of[q], top[q]) for q in range(len(top))]))

    every = np.arange(len(products))
    look, both = neighbours(vectors, colours, vectors, colours, exclude_self=True)
    same_cat = lambda q, top: np.mean(category[top] == category[q])  # noqa: E731
    same_cat_colour = lambda q, top: np.mean((category[top] == category[q]) & (colour[top] == colour[q]))  # noqa: E731
    p_look, p_both = neighbours(vectors, colours, photo_vectors, photo_colours, exclude_self=False)
    with open("/proc/loadavg") as f:
        load = f.read().split()[:3]
    return {
        "data": "rendered demo pictures (drawings per category, colour and shape; not photos)",
        "products": len(products), "categories": len(set(category)),
        "category_colour_pairs": len(set(zip(category, colour, strict=True))),
        "held_out_photos": len(photos), "model": MODEL_ID, "render_per_s": round(len(products) / render_s, 1),
        "precision_at_10": {
            "same_category": {"look": round(precision(look, every, same_cat), 3),
                              "look_and_colour": round(precision(both, every, same_cat), 3)},
            "same_category_and_colour": {
                "look": round(precision(look, every, same_cat_colour), 3),
                "look_and_colour": round(precision(both, every, same_cat_colour), 3)},
        },
        "photo_search": {
            name: {"product_first": round(float(np.mean(top[:, 0] == held_out)), 3),
                   "product_in_top_10": round(float(np.mean([h in t for h, t in zip(held_out, top, strict=True)])), 3),
                   "top_10_same_category_and_colour": round(precision(top, held_out, same_cat_colour), 3)}
            for name, top in (("look", p_look), ("look_and_colour", p_both))},
        "embeddings_per_s": {k: round(v, 1) for k, v in throughput.items()},
        "cold_start_recall_at_20": {"measured": False, "why": "--no-cold-start"} if args.no_cold_start
        else cold_start(args.shop_prefix, args.shop_products, args.seed, args.cold_seeds, args.threads),
        "hardware": {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(),
                     "threads": torch.get_num_threads(),
                     "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None},
        "loadavg_before": load_before, "loadavg_after": load,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out = run(args)
    print(json.dumps(out, indent=None if args.json else 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
