"""Model selection inside a training run: a validation slice, the best epoch, early stopping.

The validation slice is carved out of the *training* edges, never the evaluation (test) slice, so
choosing an epoch by it does not peek at the figures the gate and the report quote. Each shopper
with at least ``min_edges`` training edges gives a seeded random ``fraction`` of them (at least
one, never all); shoppers with fewer keep everything, since taking their only edges would make them strangers
to the model. The model then trains and propagates over the remaining edges only: a validation
edge inside the adjacency would leak the answer through the graph.

Scoring a validation shopper is a full ranking (every product), so at 1M shoppers one pass over
all of them is hours on a CPU. :func:`sample_for_scoring` keeps the scored edges of a fixed, seeded
sample of shoppers, sized by the catalog (:func:`validation_sample_size`: about 2^31 scores per
pass, never fewer than 10,000 shoppers); a small shop keeps every shopper. The sample is drawn
once per run, so every epoch is judged on the same shoppers and best-epoch choice stays a fair
comparison. The unsampled shoppers' validation edges go back to training: nothing is held out
that nobody scores.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field

import torch

from gnn.data import Interactions


def carve_validation(train: torch.Tensor, num_users: int, fraction: float, seed: int = 0,
                     min_edges: int = 3) -> tuple[torch.Tensor, torch.Tensor]:
    """Split ``[2, E]`` training edges into ``(fit, validation)``, per shopper and seeded.

    Args:
        train: training edges (row 0 shoppers, row 1 products).
        num_users: shoppers in the index space.
        fraction: share of each eligible shopper's edges that goes to validation (0 < f < 1).
        seed: the draw's seed; the same edges and seed always give the same split.
        min_edges: shoppers with fewer training edges give none.
    """
    if train.size(1) == 0 or fraction <= 0:
        return train, train.new_zeros((2, 0))
    gen = torch.Generator().manual_seed(seed)
    noise = torch.rand(train.size(1), generator=gen)
    # Sort by shopper, then by the random key: a shopper's edges become a random sequence, and an
    # edge's position in its shopper's run is its rank in that sequence.
    order = torch.argsort(noise)
    order = order[torch.argsort(train[0, order].cpu(), stable=True)]
    users = train[0, order].cpu()
    counts = torch.bincount(users, minlength=num_users)
    starts = torch.cumsum(counts, 0) - counts
    rank = torch.arange(len(users)) - starts[users]
    # At least one edge each, and never all of them: a shopper must keep something to learn from.
    quota = torch.minimum(torch.ceil(counts.double() * fraction).long().clamp(min=1), counts - 1)
    quota[counts < max(min_edges, 2)] = 0
    held = torch.zeros(train.size(1), dtype=torch.bool)
    held[order] = rank < quota[users]
    held = held.to(train.device)
    return train[:, ~held], train[:, held]


# One validation pass scores at most about this many (shopper, product) pairs: 2^31 is Gowalla's
# whole test set (29,858 x 40,981) with room, and about 10,700 shoppers at 200,000 products.
MAX_VALIDATION_SCORES = 1 << 31
# Never fewer shoppers than this: Recall@20's standard error over n shoppers is about
# 0.4 / sqrt(n), so 10,000 resolve differences of 0.01 between epochs.
MIN_VALIDATION_SHOPPERS = 10_000


def validation_sample_size(num_items: int) -> int:
    """How many validation shoppers to score per pass for a catalog of ``num_items`` products."""
    return max(MIN_VALIDATION_SHOPPERS, MAX_VALIDATION_SCORES // max(num_items, 1))


def sample_for_scoring(data: Interactions, seed: int = 0, size: int | None = None
                       ) -> tuple[Interactions, int, int]:
    """``data`` with ``test`` cut to a seeded sample of its shoppers; ``(data, sampled, of)``.

    Args:
        data: ``train`` is fitted, ``test`` scored (a validation split or a monitored slice).
        seed: the draw's seed; the same edges and seed always give the same shoppers.
        size: shoppers to keep (``None``: :func:`validation_sample_size` of the catalog).

    Returns:
        The cut data (unsampled shoppers' ``test`` edges move to ``train``), how many shoppers
        are scored, and how many had ``test`` edges.
    """
    shoppers = torch.unique(data.test[0]) if data.test.numel() else data.test.new_zeros(0)
    size = validation_sample_size(data.num_items) if size is None else size
    if len(shoppers) <= size:
        return data, len(shoppers), len(shoppers)
    gen = torch.Generator().manual_seed(seed)
    chosen = torch.zeros(data.num_users, dtype=torch.bool)
    chosen[shoppers.cpu()[torch.randperm(len(shoppers), generator=gen)[:size]]] = True
    scored = chosen.to(data.test.device)[data.test[0]]
    cut = Interactions(data.num_users, data.num_items,
                       torch.cat([data.train, data.test[:, ~scored]], 1), data.test[:, scored],
                       data.users, data.items)
    return cut, size, len(shoppers)


def validation_split(data: Interactions, fraction: float, seed: int = 0) -> Interactions:
    """``data`` with its training edges split into fit (``train``) and validation (``test``)."""
    fit, validation = carve_validation(data.train, data.num_users, fraction, seed)
    return Interactions(data.num_users, data.num_items, fit, validation, data.users, data.items)


def selection_slice(data: Interactions, fraction: float, seed: int = 0,
                    validation: torch.Tensor | None = None) -> Interactions | None:
    """The split an epoch is chosen by: ``train`` is fitted, ``test`` scores; ``None``: no choice.

    Every eligible shopper gives edges here; :func:`sample_for_scoring` then cuts the scored ones
    to a sample on a large shop.

    Args:
        data: the interactions to train on.
        fraction: share of each shopper's training edges carved out when ``validation`` is None.
        seed: the carve's seed.
        validation: edges the caller carved itself, already absent from ``data.train``; they must
            be edges the starting model never saw, or epoch 0 wins by memory, not by skill (the
            refresh job's final fit starts from a candidate trained on the other edges).
    """
    if validation is not None:
        if not validation.numel():
            return None
        return Interactions(data.num_users, data.num_items, data.train, validation, data.users,
                            data.items)
    return validation_split(data, fraction, seed) if fraction > 0 else None


def without_edges(edges: torch.Tensor, drop: torch.Tensor, num_items: int) -> torch.Tensor:
    """``[2, E]`` ``edges`` minus every (shopper, product) pair in ``drop``."""
    if not drop.numel():
        return edges
    keys = edges[0] * num_items + edges[1]
    return edges[:, ~torch.isin(keys, drop[0] * num_items + drop[1])]


def final_fit_split(everything: Interactions, held_out: torch.Tensor, seed: int = 0
                    ) -> tuple[Interactions, torch.Tensor]:
    """``(fit, validation)`` for a fit over ``everything`` that starts from a model which trained
    on all but ``held_out``: validation is a seeded per-shopper half of ``held_out`` (shoppers
    with two or more held-out edges), ``fit`` every other edge.
    """
    _, validation = carve_validation(held_out, everything.num_users, 0.5, seed, min_edges=2)
    fit = Interactions(everything.num_users, everything.num_items,
                       without_edges(everything.train, validation, everything.num_items),
                       everything.test, everything.users, everything.items)
    return fit, validation


@dataclass
class BestEpoch:
    """Keeps the parameters of the best validation score seen, and says when to stop.

    Args:
        metric: the key of the validation metric to maximise (e.g. ``"val_recall@20"``).
        patience: evaluations without improvement after which training stops (``None``: never).
        min_delta: an improvement smaller than this does not count (noise on a small slice).
    """

    metric: str
    patience: int | None = None
    min_delta: float = 0.0
    best_score: float = -math.inf
    best_epoch: float | None = None
    stale: int = 0
    state: dict[str, torch.Tensor] = field(default_factory=dict, repr=False)

    def observe(self, epoch: float, metrics: dict[str, float], model: torch.nn.Module) -> bool:
        """Record one evaluation; keep ``model``'s parameters if it is the best; ``True``: stop.

        A tie keeps the later epoch (same validation score, more training: on a small slice that
        saturates, e.g. Recall 1.0, the untrained start would otherwise win every tie), but only
        a real improvement (more than ``min_delta``) resets the patience.
        """
        score = metrics[self.metric]
        improved = score > self.best_score + self.min_delta
        if improved or score >= self.best_score:
            self.best_score, self.best_epoch = score, epoch
            self.state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        self.stale = 0 if improved else self.stale + 1
        return self.patience is not None and self.stale >= self.patience

    def restore(self, model: torch.nn.Module) -> None:
        """Load the best parameters back into ``model`` (nothing to do if none was kept)."""
        if self.state:
            model.load_state_dict(copy.copy(self.state))
