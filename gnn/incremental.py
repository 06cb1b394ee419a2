"""What an incremental refresh learns: the interactions since the served version, plus replay.

A refresh that starts from the active version's checkpoint (``gnn.warm_start``) already has a
model that learned every interaction up to that version's ``trained_until_ms``. Training it on
the whole shop again costs a pass over every interaction per epoch and only repeats what it
knows; training it on the new interactions alone forgets the rest (catastrophic forgetting).
So its loss runs over the (shopper, product) pairs with an interaction after the cut-off, and a
seeded replay sample of the older pairs, ``replay_ratio`` times as many (experience replay, as
in continual learning). The graph it propagates over is still every interaction: a shopper's
vector is built from all their products, only the gradient steps are spent on what is new.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch

from gnn.graph_reader import ShopSnapshot


@dataclass(frozen=True)
class SinceVersion:
    """The pairs an incremental refresh learns, and how many of each kind (for ``--json``)."""

    version: str
    since_ms: float
    new_pairs: int
    replay_pairs: int
    keys: torch.Tensor  # user * num_items + item of every pair to learn (new, then replay)

    @property
    def new_keys(self) -> torch.Tensor:
        return self.keys[:self.new_pairs]

    def as_json(self) -> dict[str, Any]:
        return {"since_version": self.version, "since_ms": self.since_ms,
                "new_pairs": self.new_pairs, "replay_pairs": self.replay_pairs}


def since_version(snapshot: ShopSnapshot, version: str, since_ms: float, replay_ratio: float,
                  seed: int) -> SinceVersion:
    """The pairs with an interaction after ``since_ms``, and a replay sample of the others.

    Args:
        snapshot: the shop as read now (indices as in ``gnn.shop.all_edges``).
        version: the active version the run starts from.
        since_ms: its ``trained_until_ms``.
        replay_ratio: older pairs replayed per new pair (capped at how many there are).
        seed: makes the replay sample the same on a rerun.
    """
    num_items = len(snapshot.products)
    every = torch.unique(snapshot.user * num_items + snapshot.item)
    newer = snapshot.at_ms > since_ms
    new = torch.unique(snapshot.user[newer] * num_items + snapshot.item[newer])
    old = every[~torch.isin(every, new)]
    n_replay = min(len(old), round(replay_ratio * len(new)))
    generator = torch.Generator().manual_seed(seed)
    replay = old[torch.randperm(len(old), generator=generator)[:n_replay]]
    return SinceVersion(version, since_ms, len(new), n_replay, torch.cat([new, replay]))


def learned_edges(edges: torch.Tensor, keys: torch.Tensor, num_items: int) -> torch.Tensor:
    """The columns of ``edges`` ([2, E] shopper, product) whose pair is among ``keys``."""
    return edges[:, torch.isin(edges[0] * num_items + edges[1], keys.to(edges.device))]
