"""Scale check: a generated shop of N shoppers and E interactions — does training fit, how long is an epoch?

Interactions are drawn on the device: shopper activity is log-normal, product popularity Zipf-like
(as in real shops), so the adjacency has the skew real graphs have. Prints peak memory (GPU
allocator or process RSS), seconds per epoch and the loss after each epoch.

    python bench/scale.py --shoppers 1000000 --products 200000 --interactions 10000000 \\
        --batch-size 65536 --epochs 2 --json                                          # one H200
    nice python bench/scale.py --shoppers 10000 --products 5000 --interactions 100000  # 2-core CPU
    nice python bench/scale.py --shoppers 1000000 --products 200000 --interactions 10000000 \
        --epochs 1 --minibatch never --max-batches 10 --json   # 2-core CPU: 10 steps, extrapolated

With ``--max-batches`` training stops after that many steps and ``s_per_epoch`` /
``cpu_s_per_epoch`` are extrapolated from them (``"extrapolated": true``). ``cpu_s_per_epoch``
counts this process's CPU seconds, which on a shared machine follow the work rather than the load.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--shoppers", type=int, default=10_000)
    p.add_argument("--products", type=int, default=5_000)
    p.add_argument("--interactions", type=int, default=100_000)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=8192)
    p.add_argument("--negatives", type=int, default=1024)
    p.add_argument("--device", help="cpu, cuda (default: CUDA when present)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--minibatch", choices=["auto", "always", "never"], default="auto",
                   help="full graph or LinkNeighborLoader mini-batches (auto: by memory estimate)")
    p.add_argument("--memory-budget-gb", type=float, default=16.0)
    p.add_argument("--fanout", type=int, default=10)
    p.add_argument("--max-batches", type=int,
                   help="stop after this many batches and extrapolate s/epoch from them "
                        "(an epoch at 1M shoppers on 2 CPU cores takes hours)")
    p.add_argument("--threads", type=int, help="torch CPU threads (default: torch's choice)")
    p.add_argument("--json", action="store_true")
    return p.parse_args(argv)


def generate(shoppers: int, products: int, interactions: int, seed: int, device: Any) -> Any:
    """A skewed random interaction graph as :class:`gnn.data.Interactions` (no test edges)."""
    import torch

    from gnn.data import Interactions, dedupe_edges

    gen = torch.Generator(device=device).manual_seed(seed)
    activity = torch.empty(shoppers, device=device).log_normal_(0.0, 1.0, generator=gen)
    popularity = 1.0 / torch.arange(1, products + 1, device=device, dtype=torch.float32) ** 0.8
    # multinomial draws at most 2^24 categories per call; chunk the draws.
    users = torch.cat([torch.multinomial(activity, n, replacement=True, generator=gen)
                       for n in _chunks(interactions)])
    items = torch.cat([torch.multinomial(popularity, n, replacement=True, generator=gen)
                       for n in _chunks(interactions)])
    edges = dedupe_edges(torch.stack([users, items]), products)
    return Interactions(shoppers, products, edges, edges.new_zeros((2, 0)))


def _chunks(total: int, size: int = 1 << 24) -> list[int]:
    return [min(size, total - start) for start in range(0, total, size)]


def peak_memory_mb(device: Any) -> float:
    import torch

    if device.type == "cuda":
        return torch.cuda.max_memory_allocated(device) / 2**20
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    import torch

    from gnn.device import pick_device
    from gnn.minibatch import estimate_full_graph_bytes, use_minibatch
    from gnn.train import TrainConfig, train_model

    if args.threads:
        torch.set_num_threads(args.threads)
    device = pick_device(args.device)
    tick = time.perf_counter()
    data = generate(args.shoppers, args.products, args.interactions, args.seed, device)
    generate_s = time.perf_counter() - tick
    generated_mb = peak_memory_mb(device)
    config = TrainConfig(batch_size=args.batch_size, negatives=args.negatives, epochs=args.epochs,
                         seed=args.seed, device=str(device), minibatch=args.minibatch,
                         memory_budget_gb=args.memory_budget_gb, fanout=args.fanout,
                         max_batches=args.max_batches)
    estimate = estimate_full_graph_bytes(args.shoppers + args.products, data.train.size(1),
                                         config.dim, config.layers, config.batch_size,
                                         config.negatives)
    result = train_model(data, config, progress=not args.json)
    history = result.log.history
    out = {"device": str(device), "shoppers": args.shoppers, "products": args.products,
           "interactions": int(data.train.size(1)), "generate_s": round(generate_s, 1),
           "epochs": result.log.epochs, "train_s": round(result.log.train_s, 1),
           "s_per_epoch": round(result.log.train_s / max(result.log.epochs, 1e-9), 2),
           "train_cpu_s": round(result.log.train_cpu_s, 1),
           "cpu_s_per_epoch": round(result.log.train_cpu_s / max(result.log.epochs, 1e-9), 2),
           "extrapolated": result.log.epochs < args.epochs,
           "peak_memory_mb": round(peak_memory_mb(device)),
           "peak_after_generation_mb": round(generated_mb),
           "losses": [p["loss"] for p in history if "loss" in p],
           "batch_size": args.batch_size, "negatives": args.negatives,
           "full_graph_estimate_mb": round(estimate / 2**20),
           "minibatch": use_minibatch(args.minibatch, estimate, args.memory_budget_gb),
           "fanout": args.fanout, "max_batches": args.max_batches,
           "threads": torch.get_num_threads()}
    if args.json:
        print(json.dumps(out))
    else:
        for key, value in out.items():
            print(f"{key:16} {value}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
