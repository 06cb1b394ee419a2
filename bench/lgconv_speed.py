"""Epoch time of the model on PyG's ``LGConv`` against the plain-torch propagation it replaced.

Both variants train our recipe on the Gowalla split (``shared/data/gowalla``) with identical
parameters, adjacency and seed; the only difference is the propagation: ``gnn.lgconv`` (PyG
``LGConv`` layers, today's model) or ``gnn.propagation.propagate`` (the hand-written loop it
replaced). Epochs are interleaved (old, new, old, new, ...) so a neighbour's load on a shared
machine hits both alike; the figure is the ratio of the median epoch times.

    nice python bench/lgconv_speed.py --rounds 3 --json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import torch


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rounds", type=int, default=3, help="epochs per variant, interleaved")
    p.add_argument("--threads", type=int, help="torch CPU threads (default: torch's choice)")
    p.add_argument("--device", default="cpu")
    p.add_argument("--zip", type=Path, help="Gowalla split (default: shared/data/gowalla)")
    p.add_argument("--users", type=int, help="only the first N Gowalla users (shorter epochs)")
    p.add_argument("--json", action="store_true")
    return p.parse_args(argv)


def run(args: argparse.Namespace) -> dict[str, Any]:
    from borderless.settings import get_settings
    from gnn.gowalla import read_gowalla_zip
    from gnn.model import GraphRecommender
    from gnn.propagation import propagate
    from gnn.train import TrainConfig, train_model

    class PlainTorchRecommender(GraphRecommender):
        """The model as it was before the PyG port: ``propagate`` instead of LGConv layers."""

        def forward(self, adj: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
            x = torch.cat([self.user.weight, self.item_base()])
            out = propagate(adj, x, self.layers)
            return out[: self.num_users], out[self.num_users:]

    if args.threads:
        torch.set_num_threads(args.threads)
    path = args.zip or get_settings().shared_data_dir / "gowalla" / "light_gcn_gowalla.zip"
    data = replace(read_gowalla_zip(path), test=torch.zeros((2, 0), dtype=torch.long))
    if args.users:
        data = replace(data, num_users=args.users, train=data.train[:, data.train[0] < args.users])
    config = TrainConfig(epochs=1, device=args.device)
    variants = {"plain_torch": PlainTorchRecommender, "pyg_lgconv": GraphRecommender}
    times: dict[str, list[float]] = {name: [] for name in variants}
    for round_ in range(args.rounds):
        for name, cls in variants.items():
            model = cls(data.num_users, data.num_items, config.dim, config.layers)
            result = train_model(data, replace(config, seed=round_), progress=False, model=model)
            times[name].append(result.log.train_s)
            if not args.json:
                print(f"round {round_} {name}: {result.log.train_s:.2f} s/epoch", file=sys.stderr)
    medians = {name: statistics.median(t) for name, t in times.items()}
    with open("/proc/loadavg") as f:
        load = f.read().split()[:3]
    return {"dataset": "gowalla", "users": data.num_users, "edges": int(data.train.size(1)), "rounds": args.rounds,
            "threads": torch.get_num_threads(), "epoch_s": times, "median_epoch_s": medians,
            "ratio_pyg_over_plain": medians["pyg_lgconv"] / medians["plain_torch"],
            "loadavg_after": load}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out = run(args)
    if args.json:
        print(json.dumps(out))
    else:
        print(f"median epoch: plain torch {out['median_epoch_s']['plain_torch']:.2f} s, PyG LGConv "
              f"{out['median_epoch_s']['pyg_lgconv']:.2f} s; ratio {out['ratio_pyg_over_plain']:.3f}"
              f" (load {' '.join(out['loadavg_after'])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
