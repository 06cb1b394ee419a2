"""Neighbour sampling in plain torch, so PyG's ``LinkNeighborLoader`` runs without compiled kernels.

PyG 2.8.1's ``NeighborSampler`` samples with ``pyg-lib`` or ``torch-sparse``; neither has a wheel
for the torch this project pins, and without them it raises ``ImportError`` on the first batch.
:class:`TorchNeighborSampler` is that sampler with its homogeneous ``_sample`` done by vectorised
torch ops over the same CSC arrays, returning what ``torch_sparse.neighbor_sample`` returns: the
seeds first and in order, then each hop's new nodes in order of first appearance, and every
sampled edge (source, destination) as local indexes with its CSC position.
"""

from __future__ import annotations

import warnings
from typing import Any

import torch
from torch_geometric.sampler import NeighborSampler, SamplerOutput

from borderless.errors import ModelError


class TorchNeighborSampler(NeighborSampler):
    """``NeighborSampler`` for homogeneous graphs, sampling without replacement in plain torch."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with warnings.catch_warnings():  # "without a 'pyg-lib' installation is deprecated": we are that
            warnings.filterwarnings("ignore", message=".*pyg-lib.*")
            super().__init__(*args, **kwargs)

    def _sample(self, seed: Any, seed_time: Any = None, **kwargs: Any) -> SamplerOutput:
        if isinstance(seed, dict) or seed_time is not None or self.disjoint:
            raise ModelError("the plain-torch sampler handles homogeneous, untimed, "
                             "non-disjoint sampling only")
        colptr, row = self.colptr, self.row
        local = torch.full((colptr.numel() - 1,), -1, dtype=torch.long)
        local[seed] = torch.arange(seed.numel())
        nodes, rows, cols, edges = [seed], [], [], []
        frontier, count = seed, seed.numel()
        sampled_nodes, sampled_edges = [seed.numel()], []
        for fanout in self.num_neighbors.get_mapped_values():
            starts = colptr[frontier]
            group, position = in_edges(starts, colptr[frontier + 1] - starts, fanout)
            source = row[position]
            fresh = source[local[source] < 0]
            if fresh.numel():
                unique, inverse = torch.unique(fresh, return_inverse=True)
                first = torch.full((unique.numel(),), fresh.numel(), dtype=torch.long)
                first = first.scatter_reduce(0, inverse, torch.arange(fresh.numel()), "amin")
                new = unique[torch.argsort(first)]
                local[new] = torch.arange(count, count + new.numel())
                count += new.numel()
            else:
                new = fresh
            nodes.append(new)
            rows.append(local[source])
            cols.append(local[frontier[group]])
            edges.append(position)
            sampled_nodes.append(new.numel())
            sampled_edges.append(position.numel())
            frontier = new
        empty = torch.zeros(0, dtype=torch.long)
        return SamplerOutput(node=torch.cat(nodes), row=torch.cat(rows) if rows else empty,
                             col=torch.cat(cols) if cols else empty,
                             edge=torch.cat(edges) if edges else empty, batch=None,
                             num_sampled_nodes=sampled_nodes, num_sampled_edges=sampled_edges)


def in_edges(starts: torch.Tensor, degree: torch.Tensor, fanout: int
             ) -> tuple[torch.Tensor, torch.Tensor]:
    """``(group, position)``: up to ``fanout`` in-edges of each node, drawn without replacement.

    Node ``g`` owns CSC positions ``starts[g] .. starts[g] + degree[g] - 1``; ``group`` says whose
    each returned ``position`` is, sorted by node. ``fanout < 0``: every in-edge. Nodes with at
    most ``2 * fanout`` in-edges rank all of them by random keys; a hub draws ``fanout`` offsets
    and redraws the repeats, so its cost is ``fanout``, not its degree (a popular product has
    hundreds of thousands of shoppers at 10M interactions, and a 2-hop frontier holds many).
    """
    light = degree <= 2 * fanout if fanout >= 0 else torch.ones_like(degree, dtype=torch.bool)
    small = torch.nonzero(light).squeeze(1)
    count = degree[small]
    group = torch.repeat_interleave(small, count)
    offset = torch.arange(group.numel()) - torch.repeat_interleave(
        torch.cumsum(count, 0) - count, count)
    position = starts[group] + offset
    if fanout < 0:
        return group, position
    # A random ``fanout`` of each light node's in-edges (all if fewer).
    order = torch.argsort(torch.rand(group.numel()))
    order = order[torch.argsort(group[order], stable=True)]
    rank = torch.empty_like(order)
    rank[order] = offset
    keep = rank < fanout
    hubs = torch.nonzero(~light).squeeze(1)
    draws = _distinct_draws(degree[hubs], fanout)
    group = torch.cat([group[keep], hubs.repeat_interleave(fanout)])
    position = torch.cat([position[keep], (starts[hubs].unsqueeze(1) + draws).flatten()])
    order = torch.argsort(group, stable=True)
    return group[order], position[order]


def _distinct_draws(degree: torch.Tensor, k: int) -> torch.Tensor:
    """``[n, k]``: for each row, ``k`` distinct offsets in ``0..degree-1`` (``degree > k``).

    Repeats are redrawn until none is left; the rule treats every offset alike, so each
    ``k``-subset is equally likely. With ``degree > 2k`` a draw repeats with probability
    below 1/2, so few rounds are needed.
    """
    span = degree.unsqueeze(1).expand(-1, k)
    # float64 keys: a float32 times a degree above 2^24 would skip offsets.
    draws = torch.minimum((torch.rand(span.shape, dtype=torch.float64) * span).long(), span - 1)
    while True:
        draws = draws.sort(1).values
        repeat = torch.zeros_like(draws, dtype=torch.bool)
        repeat[:, 1:] = draws[:, 1:] == draws[:, :-1]
        if not bool(repeat.any()):
            return draws
        fresh = torch.rand(int(repeat.sum()), dtype=torch.float64) * span[repeat]
        draws[repeat] = torch.minimum(fresh.long(), span[repeat] - 1)
