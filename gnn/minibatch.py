"""Mini-batch training with PyG's ``LinkNeighborLoader`` when the full graph does not fit.

Full-graph training (:mod:`gnn.train`) propagates every node at every step; its memory grows with
the whole graph. :func:`estimate_full_graph_bytes` estimates that, and :func:`use_minibatch`
chooses (``BORDERLESS_GNN_MINIBATCH``: ``auto`` against ``BORDERLESS_GNN_MEMORY_BUDGET_GB``,
``always``, ``never``). A mini-batch step samples, for a batch of positive pairs and as many
random products someone interacted with (the negatives, drawn per batch by PyG's "triplet"
negative sampling), ``fanout`` neighbours per layer (:class:`gnn.sampler.
TorchNeighborSampler`), propagates only that subgraph with ``LGConv`` under the *whole* graph's
``D^-1/2`` weights, and contrasts each positive with the batch's negatives. Only the shopper and
product rows the batch touched are updated (sparse gradients, ``SparseAdam``:
:func:`row_optimizers`). Validation and the
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
from gnn.loop import RunLog
from gnn.validation import BestEpoch, sample_for_scoring, selection_slice

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


def row_optimizers(model: GraphRecommender, lr: float, weight_decay: float
                   ) -> list[torch.optim.Optimizer]:
    """Optimisers that move only the shopper and product rows a batch touched.

    The shopper and product tables (1.2M x 64 at 1M shoppers) get sparse gradients and
    ``SparseAdam``: a step costs the batch's rows, not the table, and a row no batch reached
    keeps its value (dense Adam moves every row a past batch touched by its momentum, and
    weight decay shrinks every row). Brand, category and look parameters are small and shared by
    many products: dense Adam. Weight decay on the tables is applied to the touched rows through
    the loss (:func:`minibatch_step`), as coupled Adam weight decay does.
    """
    model.user.sparse = model.item.sparse = True
    tables = [model.user.weight, model.item.weight]
    dense = [p for p in model.parameters() if all(p is not t for t in tables)]
    optimizers: list[torch.optim.Optimizer] = [torch.optim.SparseAdam(tables, lr=lr)]
    if dense:
        optimizers.append(torch.optim.Adam(dense, lr=lr, weight_decay=weight_decay))
    return optimizers


def minibatch_step(model: GraphRecommender, batch: Any, inv_sqrt: torch.Tensor,
                   optimizers: list[torch.optim.Optimizer], temperature: float,
                   weight_decay: float) -> float:
    """One step on a ``LinkNeighborLoader`` batch: propagate its subgraph, contrast, update.

    Args:
        model: the knowledge-aware model, its tables made sparse by :func:`row_optimizers`.
        batch: a "triplet" batch (``src_index``, ``dst_pos_index``, ``dst_neg_index``).
        inv_sqrt: ``D^-1/2`` of every node of the whole training graph.
        optimizers: from :func:`row_optimizers`.
        temperature: the cosine softmax's temperature.
        weight_decay: L2 on the shopper and product rows the batch touched.
    """
    n_id = batch.n_id
    x = model.node_base(n_id)
    weight = inv_sqrt[n_id[batch.edge_index[0]]] * inv_sqrt[n_id[batch.edge_index[1]]]
    out = total = x
    for _ in range(model.layers):
        out = _CONV(out, batch.edge_index, weight)
        total = total + out
    total = total / (model.layers + 1)
    loss = cosine_softmax_loss(total[batch.src_index], total[batch.dst_pos_index],
                               total[batch.dst_neg_index.view(-1)], temperature)
    if weight_decay:
        # d/dw of wd/2 * |w|^2 is wd * w: Adam's coupled decay, on the touched rows only.
        shopper = n_id < model.num_users
        rows = torch.cat([model.user(n_id[shopper]), model.item(n_id[~shopper] - model.num_users)])
        loss = loss + weight_decay / 2 * rows.pow(2).sum()
    for optimizer in optimizers:
        optimizer.zero_grad(set_to_none=True)
    loss.backward()
    for optimizer in optimizers:
        optimizer.step()
    return float(loss.detach())


# LGConv has no parameters: one instance serves every step.
_CONV = LGConv(normalize=False)


def training_loader(train: torch.Tensor, num_users: int, num_items: int, c: TrainConfig,
                    layers: int) -> tuple[LinkNeighborLoader, torch.Tensor]:
    """``(loader, D^-1/2)``: shuffled batches of ``train`` edges with sampled neighbourhoods.

    Negatives are products someone interacted with, drawn by PyG for each batch ("triplet"), so
    an epoch holds no second edge-sized tensor of negatives and labels (10M pairs: 0.7 GB).
    """
    edge_index = torch.cat([torch.stack([train[0], train[1] + num_users]),
                            torch.stack([train[1] + num_users, train[0]])], 1)
    graph = Data(edge_index=edge_index, num_nodes=num_users + num_items)
    inv_sqrt = torch.bincount(edge_index[1], minlength=graph.num_nodes).float().pow(-0.5)
    inv_sqrt[torch.isinf(inv_sqrt)] = 0.0
    fanouts = [c.fanout] * layers
    in_pool = torch.zeros(graph.num_nodes)
    in_pool[torch.unique(train[1]) + num_users] = 1.0
    loader = LinkNeighborLoader(
        graph, num_neighbors=fanouts, neighbor_sampler=TorchNeighborSampler(
            graph, num_neighbors=fanouts), shuffle=True,
        edge_label_index=torch.stack([train[0], train[1] + num_users]), batch_size=c.batch_size,
        neg_sampling=NegativeSampling("triplet", 1, dst_weight=in_pool))
    return loader, inv_sqrt


def train_minibatch(data: Interactions, model: GraphRecommender, c: TrainConfig,
                    validation: torch.Tensor | None = None) -> tuple[GraphRecommender, RunLog]:
    """Train ``model`` on ``data.train`` in sampled mini-batches; ``(model, run log)``.

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
    run = RunLog()
    fit = selection_slice(data, c.validation_fraction, c.seed, validation)
    if fit is not None:
        fit, run.validation_shoppers, run.validation_shoppers_of = sample_for_scoring(
            fit, c.seed, c.validation_shoppers)
    train = fit.train if fit is not None else data.train
    loader, inv_sqrt = training_loader(train, data.num_users, data.num_items, c, model.layers)
    best = BestEpoch(f"val_recall@{c.k}", c.patience)

    def validate(epoch: float) -> bool:
        if fit is None or not fit.test.numel():
            return False
        adj = model.adjacency(fit.train)
        metrics = {f"val_{k}": v for k, v in evaluate(model, adj, fit, c.k).items()}
        run.history.append({"epoch": epoch, **metrics})
        return best.observe(epoch, metrics, model)

    validate(0.0)
    optimizers = row_optimizers(model, c.lr, c.weight_decay)
    try:
        for epoch in range(c.epochs):
            tick, cpu_tick = time.perf_counter(), time.process_time()
            losses: list[float] = []
            for batch in loader:
                losses.append(minibatch_step(model, batch, inv_sqrt, optimizers, c.temperature,
                                             c.weight_decay))
                if c.max_batches is not None and epoch * len(loader) + len(losses) >= c.max_batches:
                    break
            point = {"epoch": epoch + len(losses) / max(len(loader), 1),
                     "train_s": round(time.perf_counter() - tick, 2),
                     "train_cpu_s": round(time.process_time() - cpu_tick, 2),
                     "loss": sum(losses) / max(len(losses), 1)}
            run.history.append(point)
            run.epochs = point["epoch"]
            run.train_s += point["train_s"]
            run.train_cpu_s += point["train_cpu_s"]
            capped = len(losses) < len(loader)
            due = (epoch + 1) % c.eval_every == 0 or epoch + 1 == c.epochs or capped
            if (due and validate(point["epoch"])) or capped:
                break
    finally:
        # Dense again: full-graph training, fine-tuning and serving expect dense gradients.
        model.user.sparse = model.item.sparse = False
    if best.best_epoch is not None:
        best.restore(model)
        run.best_epoch = best.best_epoch
    model.eval()
    return model, run
