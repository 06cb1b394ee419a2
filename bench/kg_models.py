"""Today's knowledge-aware model against the knowledge-graph model, on the demo shop, side by side.

Reads the shop from Neo4j once (``gnn.shop_graph``), holds out the newest interactions as the
refresh job does, trains each model with the shop's recipe (``BORDERLESS_GNN_*`` settings, the
validation slice and kept epoch included) from the same seed, and prints for each: Recall/NDCG@K
on the held-out slice, the same on new products and on new shoppers (no training interaction),
coverage, popularity percentile and novelty of the top-K, and per shopper country.

    nice python bench/kg_models.py --prefix demo7- --seeds 0 1 --json
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
    p.add_argument("--relations", nargs="+", default=["lives_in", "ships_to"],
                   help="catalog relations in the knowledge-graph model's propagation")
    p.add_argument("--threads", type=int)
    p.add_argument("--json", action="store_true")
    return p.parse_args(argv)


def new_shopper_edges(snapshot: Any, holdout_fraction: float) -> torch.Tensor:
    """Held-out (after the cut) edges of shoppers with no interaction before it."""
    edges = torch.stack([snapshot.user, snapshot.item])
    cut = float(torch.quantile(snapshot.at_ms, 1.0 - holdout_fraction))
    later = snapshot.at_ms >= cut
    known = torch.zeros(len(snapshot.shoppers), dtype=torch.bool)
    known[edges[0, ~later]] = True
    fresh = edges[:, later]
    return torch.unique(fresh[:, ~known[fresh[0]]], dim=1)


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dataclasses import replace

    from borderless.settings import get_settings
    from gnn.graph_reader import read_shop_graph
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
        snapshot = read_shop_graph(driver, settings, progress=False, id_prefix=args.prefix)
    graph, knowledge = snapshot.graph, snapshot.knowledge
    data = time_split(snapshot, gnn.holdout_fraction)
    cold_shoppers = new_shopper_edges(snapshot, gnn.holdout_fraction)
    judged = torch.cat([data.test, cold_shoppers], 1)
    lives = graph.data["shopper", "lives_in", "country"].edge_index
    shopper_country = torch.full((data.num_users,), -1, dtype=torch.long)
    shopper_country[lives[0]] = lives[1]
    ships = graph.data["product", "ships_to", "country"].edge_index
    dim = settings.embedding_dim
    builders = {
        "today_knowledge_aware": lambda: GraphRecommender(data.num_users, data.num_items, dim,
                                                          gnn.layers, knowledge),
        "kg_lightgcn": lambda: KnowledgeGraphRecommender(graph, knowledge, dim, gnn.layers,
                                                         tuple(args.relations)),
    }
    runs: list[dict[str, Any]] = []
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
            runs.append({"model": name, "seed": seed, "overall": overall, **report,
                         "best_epoch": result.log.best_epoch, "epochs": result.log.epochs,
                         "train_s": round(result.log.train_s, 1),
                         "wall_s": round(time.perf_counter() - tick, 1)})
            if not args.json:
                print(name, seed, overall, report["new_products"], report["new_shoppers"],
                      file=sys.stderr)
    with open("/proc/loadavg") as f:
        load = f.read().split()[:3]
    return {"snapshot": {**snapshot.summary(), **data.summary(),
                         "new_shopper_test_edges": int(cold_shoppers.size(1))},
            "relations": args.relations, "settings": gnn.model_dump(mode="json"), "runs": runs,
            "threads": torch.get_num_threads(), "loadavg_after": load}


def main(argv: list[str] | None = None) -> int:
    out = run(parse_args(argv))
    print(json.dumps(out, indent=None if "--json" in (argv or sys.argv) else 1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
