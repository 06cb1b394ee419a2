"""The epoch loop both recipes share: batches on the device, a time budget, periodic evaluation.

A recipe supplies ``step(batch) -> loss`` for one batch of training-edge positions and
``evaluate() -> metrics``; the loop shuffles, times (training only, with device syncs so CUDA
timings are honest), evaluates every ``eval_every`` epochs and at the end, and drives a tqdm bar.

Under ``torch.distributed`` (DDP) every rank must run the same number of steps, or the ranks
still stepping wait forever in the gradient all-reduce of a rank that stopped. Clocks differ per
rank, so the budget is judged by rank 0's clock alone and its decision is broadcast after every
step; all ranks stop after the same step.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import torch
import torch.distributed as dist
from tqdm import tqdm

from gnn.device import synchronize


@dataclass
class RunLog:
    """How a training run went: per-epoch points, epochs done, training and evaluation time."""

    history: list[dict[str, Any]] = field(default_factory=list)
    epochs: float = 0.0
    train_s: float = 0.0
    eval_s: float = 0.0
    # This process's CPU seconds in training steps (all threads): on a shared machine, where
    # wall seconds follow the neighbours' load, the figure that follows the work.
    train_cpu_s: float = 0.0
    best_epoch: float | None = None  # the epoch whose parameters were kept (model selection)
    # Shoppers each validation pass scores, of those with validation edges (gnn.validation).
    validation_shoppers: int = 0
    validation_shoppers_of: int = 0

    def last_metrics(self) -> dict[str, float]:
        """The most recent evaluated point's metrics (empty if none)."""
        for point in reversed(self.history):
            if any("recall@" in k for k in point):
                return {k: v for k, v in point.items() if k not in ("epoch", "loss", "train_s")}
        return {}


@dataclass
class LoopSpec:
    """What to loop over and for how long."""

    num_edges: int
    batch_size: int
    epochs: int
    budget_s: float | None
    eval_every: int
    device: torch.device
    desc: str = "train"
    progress: bool = True
    # Stop after this many batches in all (None: no cap): times a fixed number of steps on a
    # graph whose whole epoch takes hours; log.epochs is then the fraction of an epoch done.
    max_batches: int | None = None


def rank_zero_decides(decision: bool, device: torch.device) -> bool:
    """``decision`` as rank 0 made it, on every rank (unchanged outside a process group).

    Args:
        decision: this rank's own view (only rank 0's counts).
        device: where the group's collectives run (CUDA for NCCL, the CPU for gloo).
    """
    if not (dist.is_available() and dist.is_initialized()) or dist.get_world_size() == 1:
        return decision
    flag = torch.tensor([int(decision)], device=device)
    dist.broadcast(flag, src=0)
    return bool(flag.item())


def run_epochs(spec: LoopSpec, step: Callable[[torch.Tensor], torch.Tensor],
               evaluate: Callable[[], dict[str, float]] | None, log: RunLog,
               start_epoch: int = 0, on_epoch: Callable[[int], None] | None = None,
               on_evaluated: Callable[[float, dict[str, float]], bool] | None = None) -> RunLog:
    """Run epochs ``start_epoch..spec.epochs-1`` or until ``spec.budget_s`` training seconds.

    Args:
        spec: sizes, limits and device.
        step: trains on one batch of edge positions; returns the (detached) loss.
        evaluate: returns metrics, or ``None`` to never evaluate.
        log: where points and times accumulate (continued when resuming).
        start_epoch: first epoch to run.
        on_epoch: called with the number of finished epochs (e.g. to checkpoint).
        on_evaluated: called with the epoch and the metrics of each evaluation; returning
            ``True`` stops the run after this epoch (early stopping).
    """
    steps_per_epoch = max(1, -(-spec.num_edges // spec.batch_size))
    bar = tqdm(range(start_epoch, spec.epochs), disable=not spec.progress, desc=spec.desc,
               unit="epoch")
    for epoch in bar:
        losses: list[torch.Tensor] = []
        out_of_time = False
        synchronize(spec.device)
        tick, cpu_tick = time.perf_counter(), time.process_time()
        for batch in torch.randperm(spec.num_edges, device=spec.device).split(spec.batch_size):
            losses.append(step(batch))
            if spec.max_batches is not None and (
                    (epoch - start_epoch) * steps_per_epoch + len(losses) >= spec.max_batches):
                out_of_time = True
                break
            if spec.budget_s is not None:
                synchronize(spec.device)
                out_of_time = rank_zero_decides(
                    log.train_s + time.perf_counter() - tick >= spec.budget_s, spec.device)
                if out_of_time:
                    break
        synchronize(spec.device)
        log.train_s += time.perf_counter() - tick
        log.train_cpu_s += time.process_time() - cpu_tick
        log.epochs = epoch + len(losses) / steps_per_epoch
        # One host sync per epoch for the loss, not one per step.
        point: dict[str, Any] = {"epoch": round(log.epochs, 3),
                                 "loss": float(torch.stack(losses).mean()),
                                 "train_s": round(log.train_s, 2)}
        stop = False
        if evaluate is not None and (out_of_time or epoch + 1 == spec.epochs
                                     or (epoch + 1) % spec.eval_every == 0):
            tick = time.perf_counter()
            metrics = evaluate()
            log.eval_s += time.perf_counter() - tick
            point.update(metrics)
            if on_evaluated is not None:
                stop = on_evaluated(log.epochs, metrics)
        log.history.append(point)
        bar.set_postfix({k: round(v, 4) for k, v in point.items()
                         if k not in ("epoch", "eval_users")})
        if on_epoch is not None:
            on_epoch(epoch + 1)
        if out_of_time or stop:
            break
    bar.close()
    return log
