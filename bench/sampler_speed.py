"""The mini-batch sampler's cost per batch on a generated shop: this tree's vs another tree's.

Builds the shop of ``bench/scale.py`` (same generator and seed), the undirected shopper-product
graph ``gnn.minibatch`` samples from, and draws the same seed batches (``--batch-size`` positive
pairs and as many random negatives, so about twice as many seed nodes) through each sampler's
``_sample`` with ``--fanout`` neighbours per node for 2 hops; prints CPU seconds per batch (this
process, all threads) and the sampled sizes. ``--baseline PATH`` names a ``gnn/sampler.py`` to
compare with (e.g. ``git show HEAD~3:gnn/sampler.py > /tmp/old_sampler.py``).

    nice python bench/sampler_speed.py --shoppers 1000000 --products 200000 \\
        --interactions 10000000 --batches 5 --baseline /tmp/old_sampler.py --json
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--shoppers", type=int, default=10_000)
    p.add_argument("--products", type=int, default=5_000)
    p.add_argument("--interactions", type=int, default=100_000)
    p.add_argument("--batch-size", type=int, default=8192)
    p.add_argument("--fanout", type=int, default=10)
    p.add_argument("--batches", type=int, default=5)
    p.add_argument("--baseline", type=Path, help="another gnn/sampler.py to time the same way")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true")
    return p.parse_args(argv)


def time_sampler(cls: Any, graph: Any, seeds: list[Any], fanout: int) -> dict[str, Any]:
    """CPU seconds per ``_sample`` call of ``cls`` over ``seeds``, and what it sampled."""
    sampler = cls(graph, num_neighbors=[fanout, fanout])
    cpu, nodes, edges = [], 0, 0
    for seed in seeds:
        tick = time.process_time()
        out = sampler._sample(seed)
        cpu.append(time.process_time() - tick)
        nodes, edges = nodes + out.node.numel(), edges + out.row.numel()
    return {"cpu_s_per_batch": round(sum(cpu) / len(cpu), 3), "cpu_s": [round(c, 3) for c in cpu],
            "nodes_per_batch": nodes // len(seeds), "edges_per_batch": edges // len(seeds)}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    import torch
    from torch_geometric.data import Data

    from bench.scale import generate
    from gnn.sampler import TorchNeighborSampler

    data = generate(args.shoppers, args.products, args.interactions, args.seed,
                    torch.device("cpu"))
    users, train = data.num_users, data.train
    graph = Data(edge_index=torch.cat([torch.stack([train[0], train[1] + users]),
                                       torch.stack([train[1] + users, train[0]])], 1),
                 num_nodes=users + data.num_items)
    gen = torch.Generator().manual_seed(args.seed)
    seeds = []
    for _ in range(args.batches):
        pairs = torch.randint(train.size(1), (args.batch_size,), generator=gen)
        negatives = torch.randint(data.num_items, (args.batch_size,), generator=gen) + users
        seeds.append(torch.unique(torch.cat([train[0, pairs], train[1, pairs] + users,
                                             negatives])))
    out: dict[str, Any] = {"interactions": int(train.size(1)), "batch_size": args.batch_size,
                           "fanout": args.fanout, "threads": torch.get_num_threads(),
                           "this_tree": time_sampler(TorchNeighborSampler, graph, seeds,
                                                     args.fanout)}
    if args.baseline:
        spec = importlib.util.spec_from_file_location("baseline_sampler", args.baseline)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out["baseline"] = time_sampler(module.TorchNeighborSampler, graph, seeds, args.fanout)
    print(json.dumps(out) if args.json else json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
