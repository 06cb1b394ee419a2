"""From a shop snapshot to training and held-out interactions, split by time.

The newest ``holdout_fraction`` of interactions (by ``at``) is held out. Held-out pairs the
shopper already had before the cut, and shoppers with nothing before it, are not judged: the
ranking masks known items, and nothing can be known yet of a shopper who has not been seen.
"""

from __future__ import annotations

import torch

from gnn.data import Interactions, dedupe_edges
from gnn.graph_reader import ShopSnapshot


def time_split(snapshot: ShopSnapshot, holdout_fraction: float, not_before_ms: float | None = None
               ) -> Interactions:
    """Training edges before the time cut, test edges after it (both deduplicated).

    Args:
        snapshot: the shop as read from the graph.
        holdout_fraction: the newest share of interactions to hold out.
        not_before_ms: the cut is never earlier than this (just after the newest interaction the
            served version learned from, so the served vectors are judged on unseen data too).
    """
    num_users, num_items = len(snapshot.shoppers), len(snapshot.products)
    edges = torch.stack([snapshot.user, snapshot.item])
    if edges.size(1) == 0:
        empty = edges.new_zeros((2, 0))
        return Interactions(num_users, num_items, empty, empty, snapshot.shoppers, snapshot.products)
    cut = float(torch.quantile(snapshot.at_ms, 1.0 - holdout_fraction))
    if not_before_ms is not None:
        cut = max(cut, not_before_ms)
    later = snapshot.at_ms >= cut
    if bool(later.all()):  # every interaction at one instant: hold nothing out
        later = torch.zeros_like(later)
    train = dedupe_edges(edges[:, ~later], num_items)
    test = dedupe_edges(edges[:, later], num_items)
    known = torch.zeros(num_users, dtype=torch.bool)
    known[train[0]] = True
    fresh = ~torch.isin(test[0] * num_items + test[1], train[0] * num_items + train[1])
    keep = known[test[0]] & fresh
    return Interactions(num_users, num_items, train, test[:, keep], snapshot.shoppers,
                        snapshot.products)


def all_edges(snapshot: ShopSnapshot) -> Interactions:
    """Every interaction as training data, nothing held out (the final fit after the gate)."""
    edges = dedupe_edges(torch.stack([snapshot.user, snapshot.item]), len(snapshot.products))
    return Interactions(len(snapshot.shoppers), len(snapshot.products), edges,
                        edges.new_zeros((2, 0)), snapshot.shoppers, snapshot.products)
