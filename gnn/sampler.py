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
            degree = colptr[frontier + 1] - starts
            group = torch.repeat_interleave(torch.arange(frontier.numel()), degree)
            offset = torch.arange(group.numel()) - torch.repeat_interleave(
                torch.cumsum(degree, 0) - degree, degree)
            position = starts[group] + offset
            if fanout >= 0:  # a random ``fanout`` of each node's in-edges (all if fewer)
                order = torch.argsort(torch.rand(group.numel()))
                order = order[torch.argsort(group[order], stable=True)]
                rank = torch.empty_like(order)
                rank[order] = offset
                keep = rank < fanout
                group, position = group[keep], position[keep]
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
