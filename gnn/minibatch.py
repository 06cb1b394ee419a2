"""Mini-batch training with PyG's ``LinkNeighborLoader`` when the full graph does not fit.

Full-graph training (:mod:`gnn.train`) propagates every node at every step; its memory grows with
the whole graph. :func:`estimate_full_graph_bytes` estimates that, and :func:`use_minibatch`
chooses (``BORDERLESS_GNN_MINIBATCH``: ``auto`` against ``BORDERLESS_GNN_MEMORY_BUDGET_GB``,
``always``, ``never``). A mini-batch step samples, for a batch of positive pairs and as many
random products someone interacted with (the negatives, drawn per batch by PyG's "triplet"
negative sampling), ``fanout`` neighbours per layer (:class:`gnn.sampler.
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
from torch_geometric.sampler import NegativeSampling

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
    # Negatives: products someone interacted with, drawn by PyG for each batch ("triplet"), so
    # an epoch holds no second edge-sized tensor of negatives and labels (10M pairs: 0.7 GB).
    in_pool = torch.zeros(graph.num_nodes)
    in_pool[pool + users] = 1.0
    loader = LinkNeighborLoader(
        graph, num_neighbors=fanouts, neighbor_sampler=sampler, shuffle=True,
        edge_label_index=torch.stack([train[0], train[1] + users]), batch_size=c.batch_size,
        neg_sampling=NegativeSampling("triplet", 1, dst_weight=in_pool))
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
        tick, cpu_tick = time.perf_counter(), time.process_time()
        losses: list[float] = []
        batches = 0
        for batch in loader:
            batches += 1
            n_id = batch.n_id
            x = model.node_base(n_id)
            weight = inv_sqrt[n_id[batch.edge_index[0]]] * inv_sqrt[n_id[batch.edge_index[1]]]
            out = total = x
            for _ in range(model.layers):
                out = conv(out, batch.edge_index, weight)
                total = total + out
            total = total / (model.layers + 1)
            loss = cosine_softmax_loss(total[batch.src_index], total[batch.dst_pos_index],
                                       total[batch.dst_neg_index.view(-1)], c.temperature)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            losses.append(float(loss.detach()))
            if c.max_batches is not None and epoch * len(loader) + batches >= c.max_batches:
                break
        point = {"epoch": epoch + batches / max(len(loader), 1),
                 "train_s": round(time.perf_counter() - tick, 2),
                 "train_cpu_s": round(time.process_time() - cpu_tick, 2),
                 "loss": sum(losses) / max(len(losses), 1)}
        history.append(point)
        capped = batches < len(loader)
        due = (epoch + 1) % c.eval_every == 0 or epoch + 1 == c.epochs or capped
        if (due and validate(point["epoch"])) or capped:
            break
    kept = None
    if best.best_epoch is not None:
        best.restore(model)
        kept = best.best_epoch
    model.eval()
    return model, history, kept
