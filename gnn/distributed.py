"""Data-parallel training with PyTorch's own engine: ``torchrun ... -m gnn.distributed``.

Each process joins the group (NCCL on GPUs, gloo on CPUs), trains our recipe on its share of
every batch (see :func:`gnn.train.train_model`) with gradients averaged by DDP, and rank 0 writes
the embeddings and the run's log. With a time budget (``"budget_s"`` in ``--config``) rank 0's
clock decides when to stop and every rank follows after the same step
(:func:`gnn.loop.rank_zero_decides`), so no rank is left waiting in an all-reduce.
Data comes from the Gowalla zip, or from a ``torch.save``'d
dict of interaction tensors (``num_users``, ``num_items``, ``train``, ``test``)::

    torchrun --nproc_per_node 8 -m gnn.distributed --gowalla shared/data/gowalla/light_gcn_gowalla.zip \\
        --out run.pt --epochs 200
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import torch
import torch.distributed as dist

from gnn.data import Interactions
from gnn.train import TrainConfig, train_model


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="data-parallel training under torchrun")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--gowalla", type=Path, help="the Gowalla LightGCN zip")
    source.add_argument("--tensors", type=Path, help="torch.save'd interaction tensors")
    p.add_argument("--out", type=Path, required=True, help="where rank 0 saves embeddings + log")
    p.add_argument("--config", default="{}", help="TrainConfig fields as JSON")
    return p.parse_args(argv)


def load_interactions(args: argparse.Namespace) -> Interactions:
    if args.gowalla:
        from gnn.gowalla import read_gowalla_zip

        return read_gowalla_zip(args.gowalla)
    raw = torch.load(args.tensors, weights_only=True)
    return Interactions(int(raw["num_users"]), int(raw["num_items"]), raw["train"], raw["test"])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    use_cuda = torch.cuda.is_available()
    dist.init_process_group("nccl" if use_cuda else "gloo")
    try:
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        device = f"cuda:{local_rank}" if use_cuda else "cpu"
        if use_cuda:
            torch.cuda.set_device(local_rank)
        config = TrainConfig(**{**json.loads(args.config), "device": device})
        data = load_interactions(args)
        result = train_model(data, config, progress=dist.get_rank() == 0)
        if dist.get_rank() == 0:
            users, items = result.embeddings()
            torch.save({"users": users, "items": items, "history": result.log.history,
                        "world_size": dist.get_world_size()}, args.out)
    finally:
        dist.destroy_process_group()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
