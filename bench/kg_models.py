"""The knowledge-aware model, the knowledge-graph models (``kg_lightgcn``, ``kg_content``) and
ranking by popularity, on the demo shop, side by side.

Reads the shop from Neo4j once (``gnn.shop_graph``), holds out the newest interactions as the
refresh job does, and, since a shop has few truly new products or shoppers in its newest slice,
also makes some cold on purpose (the usual cold-start protocol): a seeded ``--cold`` share of the
products and of the shoppers lose every training interaction, and all their interactions become
the ``new_products`` / ``new_shoppers`` test edges. Each model trains with the shop's recipe
(``BORDERLESS_GNN_*`` settings, validation slice and kept epoch included) from the same seed;
printed for each, and for ranking by popularity: Recall/NDCG@K on the held-out slice (warm
shoppers and products), on new products and on new shoppers, coverage, popularity percentile and
novelty of the top-K, and per shopper country. ``new_shoppers`` scores each model's own vectors
for the new shoppers; ``new_shoppers_served`` what the refresh job serves them
(:func:`gnn.cold_start.served_users`: their country's mean taste, or ``kg_content``'s learned
country taste).

With ``--images`` every model also runs with the products' main-picture vectors as one more input
of the product base (``BORDERLESS_GNN_IMAGES``; run ``borderless load demo --images`` and
``borderless load image-index`` first), same seed and same cold split, named ``<model>+images``.

    nice python bench/kg_models.py --prefix demo7- --seeds 0 1 --json
    nice python bench/kg_models.py --prefix ci- --no-kg --images --seeds 0 1 2 --json
    nice python bench/kg_models.py --prefix demo7- --no-today --no-kg --content 0.2 0.0 \
        --ablate price_band country_taste ships_to --seeds 0      # kg_content's parts, ablated
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

import torch


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--prefix", default="", help="the shop's id prefix ('' for all)")
    p.add_argument("--seeds", type=int, nargs="+", default=[0])
    p.add_argument("--relations", nargs="+", default=["lives_in,ships_to"],
                   help="one knowledge-graph model per comma-separated set of catalog relations")
    p.add_argument("--no-today", action="store_true", help="skip today's model (already measured)")
    p.add_argument("--no-kg", action="store_true", help="skip the knowledge-graph models")
    p.add_argument("--content", nargs="*", type=float, default=[0.2],
                   help="one content-gated KG model (kg_content) per ID-dropout share (products "
                        "and shoppers alike); none given: skip them")
    p.add_argument("--ablate", nargs="*", default=[], choices=sorted(ABLATIONS),
                   help="one more kg_content model (at the first --content share, else 0.2) per part "
                        "named, trained without that part (bench only; production keeps all)")
    p.add_argument("--images", action="store_true",
                   help="also run each model with product images as an input (same seed)")
    p.add_argument("--cold", type=float, default=0.05,
                   help="share of products and of shoppers made cold on purpose")
    p.add_argument("--threads", type=int)
    p.add_argument("--json", action="store_true")
    return p.parse_args(argv)


# Parts of kg_content's content path that --ablate can leave out (item_content's terms, and
# the shopper's country taste, which then becomes one learned taste for every new shopper).
ABLATIONS = {"brand", "category", "ships_to", "price_band", "country_taste"}


def ablated_content_model(without: str, *args: Any, **kwargs: Any) -> Any:
    """A ``ContentGatedKGRecommender`` built with ``args``/``kwargs`` whose content path lacks
    ``without`` (one of :data:`ABLATIONS`)."""
    from gnn.kg_content import ContentGatedKGRecommender

    class Ablated(ContentGatedKGRecommender):
        def item_content(self) -> torch.Tensor:
            parts = {"brand": lambda: self.content_brand(self.item_brand),
                     "category": lambda: self.item_category @ self.content_category.weight,
                     "ships_to": lambda: self.item_ships @ self.content_country.weight,
                     "price_band": lambda: self.content_band(self.item_band)}
            content = sum((part() for name, part in parts.items() if name != without),
                          torch.zeros(self.num_items, self.content_band.embedding_dim,
                                      device=self.item_band.device))
            if hasattr(self, "image_projection"):
                content = content + self.image_projection(self.item_image)
            return content

    model = Ablated(*args, **kwargs)
    if without == "country_taste":  # every shopper on the "country unknown" row
        model.shopper_country.fill_(model.country_taste.num_embeddings - 1)
    return model


def make_cold(data: Any, fraction: float, seed: int) -> tuple[Any, torch.Tensor, torch.Tensor]:
    """``data`` without a seeded share of products and shoppers; their edges as cold tests."""
    from dataclasses import replace

    gen = torch.Generator().manual_seed(seed)
    cold_item = torch.rand(data.num_items, generator=gen) < fraction
    cold_user = torch.rand(data.num_users, generator=gen) < fraction
    every = torch.cat([data.train, data.test], 1)
    warm = ~cold_item[data.train[1]] & ~cold_user[data.train[0]]
    train = data.train[:, warm]
    known = torch.zeros(data.num_users, dtype=torch.bool)
    known[train[0]] = True
    new_products = every[:, cold_item[every[1]] & known[every[0]]]
    new_shoppers = every[:, cold_user[every[0]] & ~cold_item[every[1]]]
    test = data.test[:, ~cold_item[data.test[1]] & known[data.test[0]]]
    return replace(data, train=train, test=test), new_products, new_shoppers


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dataclasses import replace

    from borderless.settings import get_settings
    from gnn.graph_reader import read_shop_graph
    from gnn.cold_start import served_users
    from gnn.kg_content import ContentGatedKGRecommender
    from gnn.kg_model import KnowledgeGraphRecommender
    from gnn.metrics import rank_metrics
    from gnn.model import GraphRecommender
    from gnn.refresh import train_config
    from gnn.report_metrics import beyond_accuracy
    from gnn.settings import get_gnn_settings
    from gnn.shop import time_split
    from gnn.train import train_model
    from graph.driver import open_driver

    if args.threads:
        torch.set_num_threads(args.threads)
    settings, gnn = get_settings(), get_gnn_settings()
    with open_driver(settings) as driver:
        snapshot = read_shop_graph(driver, settings, progress=False, id_prefix=args.prefix,
                                   images=args.images)
    graph, with_images = snapshot.graph, snapshot.knowledge
    assert graph is not None  # read_shop_graph always keeps the HeteroData it read
    if args.images and with_images.item_image is None:
        raise SystemExit(f"no product with prefix {args.prefix!r} has an image vector; run "
                         "`borderless load image-index` first")
    knowledge = replace(with_images, item_image=None, image_model=None)
    data, new_products, new_shoppers = make_cold(time_split(snapshot, gnn.holdout_fraction),
                                                 args.cold, seed=1234)
    judged = torch.cat([data.test, new_products, new_shoppers], 1)
    lives = graph.data["shopper", "lives_in", "country"].edge_index
    shopper_country = torch.full((data.num_users,), -1, dtype=torch.long)
    shopper_country[lives[0]] = lives[1]
    ships = graph.data["product", "ships_to", "country"].edge_index
    dim = settings.embedding_dim
    def today(known: Any) -> Any:
        return lambda: GraphRecommender(data.num_users, data.num_items, dim, gnn.layers, known)

    def kg(relations: tuple[str, ...], known: Any) -> Any:
        return lambda: KnowledgeGraphRecommender(graph, known, dim, gnn.layers, relations)

    def content(dropout: float, known: Any) -> Any:
        relations = tuple(args.relations[0].split(","))
        return lambda: ContentGatedKGRecommender(graph, known, dim, gnn.layers, relations,
                                                 item_dropout=dropout, user_dropout=dropout)

    def ablated(part: str, dropout: float, known: Any) -> Any:
        relations = tuple(args.relations[0].split(","))
        return lambda: ablated_content_model(part, graph, known, dim, gnn.layers, relations,
                                             item_dropout=dropout, user_dropout=dropout)

    variants = {"": knowledge, **({"+images": with_images} if args.images else {})}
    builders: dict[str, Any] = {}
    for suffix, known in variants.items():
        if not args.no_today:
            builders[f"today_knowledge_aware{suffix}"] = today(known)
        for relations in [] if args.no_kg else args.relations:
            builders[f"kg_lightgcn[{relations}]{suffix}"] = kg(tuple(relations.split(",")), known)
        for dropout in args.content:
            builders[f"kg_content[dropout={dropout}]{suffix}"] = content(dropout, known)
        share = args.content[0] if args.content else 0.2
        for part in args.ablate:
            builders[f"kg_content[dropout={share},-{part}]{suffix}"] = ablated(part, share, known)
    runs: list[dict[str, Any]] = []
    popularity = torch.bincount(data.train[1], minlength=data.num_items).float().unsqueeze(1)
    ones = torch.ones(data.num_users, 1)
    ranked = beyond_accuracy(ones, popularity, data.train, judged, gnn.k, shopper_country,
                             graph.ids["country"].ids, ships)
    runs.append({"model": "popularity",
                 "overall": rank_metrics(ones, popularity, data.train, data.test, k=gnn.k).as_dict(),
                 **ranked, "new_shoppers_served": ranked["new_shoppers"]})
    for seed in args.seeds:
        for name, build in builders.items():
            torch.manual_seed(seed)
            tick = time.perf_counter()
            result = train_model(data, replace(train_config(gnn, dim, gnn.epochs), seed=seed),
                                 model=build(), progress=False)
            users, items = result.embeddings()
            overall = rank_metrics(users, items, data.train, data.test, k=gnn.k).as_dict()
            report = beyond_accuracy(users, items, data.train, judged, gnn.k, shopper_country,
                                     graph.ids["country"].ids, ships)
            # What the refresh job serves a shopper with no history (gnn.cold_start.served_users).
            served, _ = served_users(result.model, users, data.train, graph)
            report["new_shoppers_served"] = beyond_accuracy(
                served, items, data.train, new_shoppers, gnn.k)["new_shoppers"]
            runs.append({"model": name, "seed": seed, "overall": overall, **report,
                         "best_epoch": result.log.best_epoch, "epochs": result.log.epochs,
                         "train_s": round(result.log.train_s, 1),
                         "wall_s": round(time.perf_counter() - tick, 1)})
            if not args.json:
                print(name, seed, overall, report["new_products"], report["new_shoppers"],
                      report["new_shoppers_served"], file=sys.stderr)
    with open("/proc/loadavg") as f:
        load = f.read().split()[:3]
    return {"snapshot": {**snapshot.summary(), **data.summary(),
                         "cold_fraction": args.cold, "image_model": with_images.image_model,
                         "products_with_picture": int(graph.data["product"].has_image.sum())
                         if args.images else None, "new_product_test_edges": int(new_products.size(1)),
                         "new_shopper_test_edges": int(new_shoppers.size(1))},
            "relations": args.relations, "settings": gnn.model_dump(mode="json"), "runs": runs,
            "threads": torch.get_num_threads(), "loadavg_after": load}


def main(argv: list[str] | None = None) -> int:
    out = run(parse_args(argv))
    print(json.dumps(out, indent=None if "--json" in (argv or sys.argv) else 1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
