"""Gowalla benchmark: our recipe (and, with ``--baseline``, PyG's LightGCN reference) side by side.

Reads the LightGCN split from the graph (after ``borderless load gowalla``) or, with
``--from-file``, straight from ``shared/data/gowalla/light_gcn_gowalla.zip``; trains each recipe for
``--budget-s`` training seconds; prints Recall@20, NDCG@20, epochs and wall time, the training
seconds each recipe needed to reach the published figures, and the speed-up of ours over the
reference. Published on this split: LightGCN 0.1830 / 0.1554, SimpleX 0.1872 / 0.1557.

The speed-up compares the two learning curves at the same points: both recipes are evaluated
every ``--eval-every`` epochs (and when their budget ends), each evaluation records the training
seconds spent so far, and the target is the best Recall@20 *both* curves reached. The report gives
each recipe's training seconds to its first evaluation at or above the target, and their ratio.

    python bench/gowalla.py --from-file --budget-s 60 --baseline --json     # one H200
    nice python bench/gowalla.py --from-file --budget-s 300 --baseline      # 2-core CPU
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

PUBLISHED = {"lightgcn": 0.1830, "simplex": 0.1872}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--from-file", nargs="?", const="default", default=None, metavar="ZIP",
                   help="read the split from the zip (default: shared/data/gowalla) not the graph")
    p.add_argument("--budget-s", type=float, default=60.0, help="training seconds per recipe")
    p.add_argument("--baseline", action="store_true", help="also run the PyG-LightGCN reference")
    p.add_argument("--baseline-budget-s", type=float, help="its budget (default: --budget-s)")
    p.add_argument("--device", help="cpu, cuda, cuda:1 (default: CUDA when present)")
    p.add_argument("--eval-every", type=int, default=5,
                   help="epochs between evaluations, the same for both recipes (default 5)")
    p.add_argument("--epochs", type=int,
                   help="stop after this many epochs (recipes compared per epoch on a busy machine)")
    p.add_argument("--batch-size", type=int)
    p.add_argument("--negatives", type=int)
    p.add_argument("--lr", type=float)
    p.add_argument("--temperature", type=float)
    p.add_argument("--layers", type=int)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--curve", type=Path, help="learning-curve PNG (default: state dir)")
    p.add_argument("--checkpoint", type=Path,
                   help="ours: resume from this file if it exists, save to it every epoch")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    return p.parse_args(argv)


def load_data(args: argparse.Namespace) -> Any:
    from borderless.settings import get_settings

    settings = get_settings()
    if args.from_file is not None:
        from gnn.gowalla import read_gowalla_zip

        path = (settings.shared_data_dir / "gowalla" / "light_gcn_gowalla.zip"
                if args.from_file == "default" else Path(args.from_file))
        return read_gowalla_zip(path)
    from gnn.graph_reader import read_gowalla_graph
    from graph.driver import open_driver

    with open_driver(settings) as driver:
        return read_gowalla_graph(driver, settings)


def seconds_to_reach(history: list[dict[str, Any]], target: float) -> float | None:
    """Training seconds at the first evaluation whose Recall@20 reached ``target``."""
    return next((p["train_s"] for p in history if p.get("recall@20", -1) >= target), None)


def summarise(name: str, log: Any, wall_s: float) -> dict[str, Any]:
    metrics = log.last_metrics()
    return {"recipe": name, "recall@20": metrics.get("recall@20"), "ndcg@20": metrics.get("ndcg@20"),
            "epochs": round(log.epochs, 2), "train_s": round(log.train_s, 1),
            "eval_s": round(log.eval_s, 1), "wall_s": round(wall_s, 1),
            "s_to_lightgcn_0.1830": seconds_to_reach(log.history, PUBLISHED["lightgcn"]),
            "s_to_simplex_0.1872": seconds_to_reach(log.history, PUBLISHED["simplex"]),
            "history": log.history}


def run(args: argparse.Namespace) -> dict[str, Any]:
    import torch

    from borderless.settings import get_settings
    from gnn.baseline import BaselineConfig, train_baseline
    from gnn.curves import plot_learning_curve
    from gnn.device import pick_device
    from gnn.train import TrainConfig, train_model

    tick = time.perf_counter()
    data = load_data(args)
    read_s = time.perf_counter() - tick
    device = pick_device(args.device)
    overrides = {k: getattr(args, k) for k in ("eval_every", "batch_size", "negatives", "lr",
                                              "temperature", "layers", "epochs")
                 if getattr(args, k)}
    config = replace(TrainConfig(budget_s=args.budget_s, seed=args.seed, device=str(device)),
                     **overrides)
    out: dict[str, Any] = {"data": data.summary(), "source": "file" if args.from_file else "graph",
                           "read_s": round(read_s, 1), "device": str(device),
                           "device_name": torch.cuda.get_device_name(device)
                           if device.type == "cuda" else "cpu",
                           "threads": torch.get_num_threads(), "config": vars(config)}
    tick = time.perf_counter()
    ours = train_model(data, config, checkpoint=args.checkpoint, progress=not args.json)
    out["ours"] = summarise("ours", ours.log, time.perf_counter() - tick)
    runs = {"ours": ours.log.history}
    if args.baseline:
        tick = time.perf_counter()
        _, base_log = train_baseline(data, BaselineConfig(
            budget_s=args.baseline_budget_s or args.budget_s, eval_every=config.eval_every,
            seed=args.seed, device=str(device)), progress=not args.json)
        out["baseline"] = summarise("pyg-lightgcn", base_log, time.perf_counter() - tick)
        runs["pyg-lightgcn"] = base_log.history
        out["speedup"] = speedup(ours.log.history, base_log.history, config.eval_every)
    curve = args.curve or get_settings().state_dir / "bench" / "gowalla_curve.png"
    out["curve"] = str(plot_learning_curve(runs, curve))
    return out


def speedup(ours_history: list[dict[str, Any]], baseline_history: list[dict[str, Any]],
            eval_every: int) -> dict[str, Any]:
    """Training seconds each recipe needed to reach the best Recall@20 both curves reached.

    Both curves must come from the same evaluation cadence (``eval_every`` epochs): a curve
    evaluated less often would be charged for the epochs between its evaluations.

    Returns:
        ``target_recall@20``, ``ours_s`` and ``baseline_s`` (training seconds at each recipe's
        first evaluation at or above the target), ``ratio`` = baseline_s / ours_s, and the
        cadence; empty when either curve has no evaluation.
    """
    best = [max((p["recall@20"] for p in history if "recall@20" in p), default=None)
            for history in (ours_history, baseline_history)]
    if None in best:
        return {}
    target = min(b for b in best if b is not None)
    ours_s = seconds_to_reach(ours_history, target)
    baseline_s = seconds_to_reach(baseline_history, target)
    return {"target_recall@20": round(target, 4), "eval_every_epochs": eval_every,
            "ours_s": ours_s, "baseline_s": baseline_s,
            "ratio": round(baseline_s / ours_s, 2) if ours_s and baseline_s is not None else None}


def print_table(out: dict[str, Any]) -> None:
    print(f"Gowalla {out['data']} read from the {out['source']} in {out['read_s']} s; "
          f"device {out['device_name']} ({out['threads']} CPU threads)")
    print(f"{'recipe':14} {'Recall@20':>10} {'NDCG@20':>9} {'epochs':>8} {'train s':>8} "
          f"{'wall s':>8} {'s to .1830':>11} {'s to .1872':>11}")
    for key in ("ours", "baseline"):
        if key in out:
            r = out[key]
            fmt = lambda v: "-" if v is None else f"{v:.4f}"  # noqa: E731
            print(f"{r['recipe']:14} {fmt(r['recall@20']):>10} {fmt(r['ndcg@20']):>9} "
                  f"{r['epochs']:>8} {r['train_s']:>8} {r['wall_s']:>8} "
                  f"{r['s_to_lightgcn_0.1830'] or '-'!s:>11} {r['s_to_simplex_0.1872'] or '-'!s:>11}")
    if out.get("speedup"):
        s = out["speedup"]
        print(f"time to Recall@20 {s['target_recall@20']} (the best both reached; evaluated "
              f"every {s['eval_every_epochs']} epochs): ours {s['ours_s']} s, reference "
              f"{s['baseline_s']} s, ratio {s['ratio']}")
    print(f"learning curve: {out['curve']}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out = run(args)
    if args.json:
        print(json.dumps(out, default=str))
    else:
        print_table(out)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
