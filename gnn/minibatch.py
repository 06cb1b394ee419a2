"""Mini-batch training with PyG's ``LinkNeighborLoader`` when the full graph does not fit.

Full-graph training (:mod:`gnn.train`) propagates every node at every step; its memory grows with
the whole graph. :func:`estimate_full_graph_bytes` estimates that, and :func:`use_minibatch`
chooses (``BORDERLESS_GNN_MINIBATCH``: ``auto`` against ``BORDERLESS_GNN_MEMORY_BUDGET_GB``,
``always``, ``never``). A mini-batch step samples, for a batch of positive pairs and as many
random products (the negatives), ``fanout`` neighbours per layer (:class:`gnn.sampler.
TorchNeighborSampler`), propagates only that subgraph with ``LGConv`` under the *whole* graph's
``D^-1/2`` weights, and contrasts each positive with the batch's negatives. Validation and the
kept epoch work as in full-graph training; vectors for serving come from one no-grad full
propagation (no activations are kept for a backward pass).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import torch
from torch_geometric.data import Data
from torch_geometric.loader import LinkNeighborLoader
from torch_geometric.nn import LGConv

from borderless.errors import ModelError
from gnn.data import Interactions
from gnn.device import seed_everything
from gnn.losses import cosine_softmax_loss
from gnn.model import GraphRecommender
from gnn.sampler import TorchNeighborSampler
from gnn.validation import BestEpoch, selection_slice

if TYPE_CHECKING:
    from gnn.train import TrainConfig


def estimate_full_graph_bytes(num_nodes: int, num_edges: int, dim: int, layers: int,
                              batch_size: int, negatives: int) -> int:
    """Rough peak bytes of one full-graph training step (float32, int64 indexes).

    Adjacency as COO and CSR (both directions), each layer's output and its gradient, the
    embedding table with its gradient and Adam's two moments, and the batch's score matrix.
    """
    adjacency = 2 * num_edges * (8 + 8 + 4) * 2
    activations = num_nodes * dim * 4 * (layers + 2) * 2
    parameters = num_nodes * dim * 4 * 4
    scores = batch_size * (negatives + 1) * 4 * 3
    return adjacency + activations + parameters + scores


def use_minibatch(mode: str, estimate_bytes: int, budget_gb: float) -> bool:
    """Whether to train in mini-batches: ``always``, ``never``, or ``auto`` (estimate > budget)."""
    if mode not in ("auto", "always", "never"):
        raise ModelError(f"minibatch must be auto, always or never, got {mode!r}")
    return mode == "always" or (mode == "auto" and estimate_bytes > budget_gb * 2**30)


def train_minibatch(data: Interactions, model: GraphRecommender, c: TrainConfig,
                    validation: torch.Tensor | None = None
                    ) -> tuple[GraphRecommender, list[dict[str, Any]], float | None]:
    """Train ``model`` on ``data.train`` in sampled mini-batches; ``(model, history, kept epoch)``.

    Args:
        data: interactions (``test`` is not used here).
        model: the knowledge-aware model, fresh or warm-started.
        c: the recipe, with ``fanout`` neighbours sampled per node and layer.
        validation: edges to choose the epoch by (see :func:`gnn.validation.selection_slice`).
    """
    from gnn.train import evaluate  # train imports this module

    if type(model) is not GraphRecommender:
        raise ModelError("mini-batch training supports the knowledge_aware model only")
    seed_everything(c.seed)
    users = data.num_users
    fit = selection_slice(data, c.validation_fraction, c.seed, validation)
    train = fit.train if fit is not None else data.train
    edge_index = torch.cat([torch.stack([train[0], train[1] + users]),
                            torch.stack([train[1] + users, train[0]])], 1)
    graph = Data(edge_index=edge_index, num_nodes=users + data.num_items)
    inv_sqrt = torch.bincount(edge_index[1], minlength=graph.num_nodes).float().pow(-0.5)
    inv_sqrt[torch.isinf(inv_sqrt)] = 0.0
    fanouts = [c.fanout] * model.layers
    sampler = TorchNeighborSampler(graph, num_neighbors=fanouts)
    conv = LGConv(normalize=False)
    optimizer = torch.optim.Adam(model.parameters(), lr=c.lr,
                                 weight_decay=c.weight_decay)
    pool = torch.unique(train[1])
    positives = torch.stack([train[0], train[1] + users])
    best = BestEpoch(f"val_recall@{c.k}", c.patience)
    history: list[dict[str, Any]] = []

    def validate(epoch: float) -> bool:
        if fit is None or not fit.test.numel():
            return False
        adj = model.adjacency(fit.train)
        metrics = {f"val_{k}": v for k, v in evaluate(model, adj, fit, c.k).items()}
        history.append({"epoch": epoch, **metrics})
        return best.observe(epoch, metrics, model)

    validate(0.0)
    for epoch in range(c.epochs):
        tick = time.perf_counter()
        negatives = torch.stack([train[0], pool[torch.randint(len(pool), (train.size(1),))] + users])
        loader = LinkNeighborLoader(
            graph, num_neighbors=fanouts, neighbor_sampler=sampler, shuffle=True,
            edge_label_index=torch.cat([positives, negatives], 1),
            edge_label=torch.cat([torch.ones(train.size(1)), torch.zeros(train.size(1))]),
            batch_size=c.batch_size)
        losses = []
        for batch in loader:
            n_id = batch.n_id
            x = torch.cat([model.user.weight, model.item_base()])[n_id]
            weight = inv_sqrt[n_id[batch.edge_index[0]]] * inv_sqrt[n_id[batch.edge_index[1]]]
            out = total = x
            for _ in range(model.layers):
                out = conv(out, batch.edge_index, weight)
                total = total + out
            total = total / (model.layers + 1)
            src, dst = batch.edge_label_index
            pos = batch.edge_label == 1
            if not bool(pos.any()) or bool(pos.all()):
                continue
            loss = cosine_softmax_loss(total[src[pos]], total[dst[pos]], total[dst[~pos]],
                                       c.temperature)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            losses.append(float(loss))
        point = {"epoch": float(epoch + 1), "train_s": round(time.perf_counter() - tick, 2),
                 "loss": sum(losses) / max(len(losses), 1)}
        history.append(point)
        due = (epoch + 1) % c.eval_every == 0 or epoch + 1 == c.epochs
        if due and validate(float(epoch + 1)):
            break
    kept = None
    if best.best_epoch is not None:
        best.restore(model)
        kept = best.best_epoch
    model.eval()
    return model, history, kept
