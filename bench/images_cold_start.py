"""Cold-start Recall@20 with and without product pictures, for ``bench/images.py``'s one run.

Needs the configured Neo4j with the taxonomy loaded (``borderless load taxonomy``). The demo shop
with pictures is built under ``prefix`` if it is not there yet (``load demo --images``: drawn
pictures, not photos), its pictures are embedded by ``load image-index`` (only those not embedded
yet), and ``bench/kg_models.py``'s protocol is run on it with ``--images --no-kg``: the same seed
and the same cold split (a seeded 5% of products and of shoppers lose every training
interaction) with and without the picture input. The figures are the knowledge-aware model's.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

from bench_cypher import cypher_file

MODEL = "today_knowledge_aware"


def ensure_shop(prefix: str, products: int, seed: int) -> dict[str, Any]:
    """The demo shop with pictures under ``prefix``, built and embedded where it is missing.

    Raises:
        LoadError: the taxonomy is not loaded (``borderless load taxonomy`` first).
    """
    from borderless.settings import get_settings
    from graph.driver import open_driver, read
    from loaders.demo import load_demo
    from loaders.demo_shop import DemoConfig
    from loaders.image_index import build_image_index

    settings = get_settings()
    out: dict[str, Any] = {"prefix": prefix}
    with open_driver(settings) as driver:
        (have,) = read(driver, cypher_file("images_shop_products"), settings.neo4j_database, prefix=prefix)
        if have["products"] == 0:
            tick = time.perf_counter()
            config = DemoConfig(products=products, seed=seed, prefix=prefix, images=True,
                                base_currency=settings.base_currency)
            load_demo(driver, settings, config, settings.state_dir / f"bench-images-{prefix}",
                      progress=False)
            out["built_s"] = round(time.perf_counter() - tick, 1)
        tick = time.perf_counter()
        report = build_image_index(driver, settings, prefix=prefix, progress=False)
        out["embedded_now"] = report.entities["images"].loaded
        out["index_s"] = round(time.perf_counter() - tick, 1)
        (have,) = read(driver, cypher_file("images_shop_products"), settings.neo4j_database, prefix=prefix)
    out.update(products=have["products"], with_picture=have["with_picture"])
    return out


def cold_start(prefix: str, products: int, seed: int, seeds: list[int], threads: int | None) -> dict[str, Any]:
    """Recall@20 on new products and on the held-out slice, per seed and mean, with and without."""
    from kg_models import parse_args as kg_args
    from kg_models import run as kg_run

    shop = ensure_shop(prefix, products, seed)
    argv = ["--prefix", prefix, "--no-kg", "--images", "--json", "--seeds", *map(str, seeds)]
    if threads:
        argv += ["--threads", str(threads)]
    tick = time.perf_counter()
    measured = kg_run(kg_args(argv))
    per_seed: list[dict[str, Any]] = []
    for run in measured["runs"]:
        if run["model"] not in (MODEL, f"{MODEL}+images"):
            continue
        recall = next(k for k in run["overall"] if k.startswith("recall@"))
        per_seed.append({"images": run["model"].endswith("+images"), "seed": run["seed"],
                         "new_products": round(run["new_products"].get(recall, 0.0), 4),
                         "held_out": round(run["overall"][recall], 4),
                         "new_shoppers": round(run["new_shoppers"].get(recall, 0.0), 4)})

    def mean(images: bool, what: str) -> float:
        return round(statistics.fmean(r[what] for r in per_seed if r["images"] is images), 4)

    snapshot = measured["snapshot"]
    return {"shop": shop, "model": MODEL, "metric": "recall@20", "seeds": seeds,
            "cold_fraction": snapshot["cold_fraction"],
            "new_product_test_edges": snapshot["new_product_test_edges"],
            "image_model": snapshot["image_model"],
            "without_images": {w: mean(False, w) for w in ("new_products", "held_out")},
            "with_images": {w: mean(True, w) for w in ("new_products", "held_out")},
            "per_seed": per_seed, "train_s": round(time.perf_counter() - tick, 1)}


def add_options(parser: argparse.ArgumentParser) -> None:
    """The cold-start options of ``bench/images.py``."""
    parser.add_argument("--shop-prefix", default="imgbench-",
                        help="id prefix of the demo shop with pictures the cold start runs on")
    parser.add_argument("--shop-products", type=int, default=800)
    parser.add_argument("--cold-seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--no-cold-start", action="store_true",
                        help="skip the cold-start part (it needs Neo4j with the taxonomy)")
