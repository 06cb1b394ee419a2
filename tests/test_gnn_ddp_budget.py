"""Under torch.distributed, ranks whose clocks disagree still stop after the same step.

Two gloo processes run the shared epoch loop with a tiny time budget. Rank 1 starts late (as a
rank slower to load its data would) and its steps take longer; each step all-reduces, as DDP's
gradient averaging does. Rank 0's clock decides for both, so both stop after the same step and
neither waits forever in an all-reduce the other never joins.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from datetime import timedelta
from pathlib import Path

import torch
import torch.distributed as dist

from gnn.loop import LoopSpec, RunLog, run_epochs

BUDGET_S = 1.0


def _worker(rank: int, rendezvous: str, results: mp.Queue) -> None:
    dist.init_process_group("gloo", init_method=f"file://{rendezvous}", rank=rank, world_size=2,
                            timeout=timedelta(seconds=30))
    try:
        torch.set_num_threads(1)
        dist.all_reduce(torch.ones(1))  # gloo connects lazily: not inside the timed loop
        time.sleep(0.6 * rank)  # rank 1 starts late, so its clock runs behind rank 0's
        steps = 0

        def step(batch: torch.Tensor) -> torch.Tensor:
            nonlocal steps
            time.sleep(0.005 * (1 + 3 * rank))
            loss = torch.ones(1)
            dist.all_reduce(loss)  # as DDP's gradient all-reduce: every rank must join
            steps += 1
            return loss[0]

        spec = LoopSpec(num_edges=20_000, batch_size=10, epochs=3, budget_s=BUDGET_S,
                        eval_every=1, device=torch.device("cpu"), progress=False)
        log = run_epochs(spec, step, None, RunLog())
        results.put((rank, steps, log.epochs))
    finally:
        dist.destroy_process_group()


def test_ranks_stop_after_the_same_step_under_a_budget(tmp_path: Path):
    ctx = mp.get_context("spawn")
    results = ctx.Queue()
    rendezvous = str(tmp_path / "rendezvous")
    workers = [ctx.Process(target=_worker, args=(rank, rendezvous, results)) for rank in (0, 1)]
    for worker in workers:
        worker.start()
    deadline = time.monotonic() + 120
    for worker in workers:
        worker.join(timeout=max(deadline - time.monotonic(), 1))
    hung = [w.pid for w in workers if w.is_alive()]
    for worker in workers:
        if worker.is_alive():
            worker.kill()
    assert not hung, f"ranks {hung} never finished: stuck in an all-reduce"
    assert [w.exitcode for w in workers] == [0, 0]
    (rank_a, steps_a, epochs_a), (rank_b, steps_b, epochs_b) = sorted(
        results.get(timeout=5) for _ in workers)
    assert (rank_a, rank_b) == (0, 1)
    assert steps_a == steps_b and epochs_a == epochs_b
    assert 1 < steps_a < 6_000  # the budget, not the epoch count, ended the run
