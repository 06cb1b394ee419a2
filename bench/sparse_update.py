"""The embedding-table update alone: dense Adam vs sparse gradients + ``SparseAdam``.

Times (process CPU seconds) ``zero_grad`` + backward of a lookup of ``--touched`` random rows +
``step`` on one ``--rows`` x ``--dim`` table, as a mini-batch step does for the shopper and
product tables (``gnn/minibatch.py: row_optimizers``). Prints each step and the mean of all but
the first (warm-up).

    nice python bench/sparse_update.py --touched 474000   # 1M shoppers + 200k products, 40 %
"""

from __future__ import annotations

import argparse
import time

import torch


def time_updates(rows: int, dim: int, touched: int, steps: int, sparse: bool) -> list[float]:
    """CPU seconds of each of ``steps`` updates touching ``touched`` distinct random rows."""
    gen = torch.Generator().manual_seed(0)
    table = torch.nn.Embedding(rows, dim, sparse=sparse)
    optimizer: torch.optim.Optimizer = (torch.optim.SparseAdam([table.weight], lr=1e-3) if sparse
                                        else torch.optim.Adam([table.weight], lr=1e-3))
    times = []
    for _ in range(steps):
        index = torch.randperm(rows, generator=gen)[:touched]
        tick = time.process_time()
        optimizer.zero_grad(set_to_none=True)
        table(index).pow(2).sum().backward()
        optimizer.step()
        times.append(time.process_time() - tick)
    return times


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rows", type=int, default=1_200_000)
    p.add_argument("--dim", type=int, default=64)
    p.add_argument("--touched", type=int, default=474_000)
    p.add_argument("--steps", type=int, default=4)
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    for sparse in (False, True):
        times = time_updates(args.rows, args.dim, args.touched, args.steps, sparse)
        mean = sum(times[1:]) / max(len(times) - 1, 1)
        print(f"{'sparse' if sparse else 'dense':6} steps {[round(t, 2) for t in times]} "
              f"mean after warm-up {mean:.3f} CPU s")


if __name__ == "__main__":
    main()
