"""Our training recipe: full-graph propagation once per step, large batches, many negatives.

Each step propagates the whole graph once (one sparse product per layer), takes a large batch of
training edges, and contrasts every positive with a shared pool of uniformly sampled negatives
under a cosine softmax. Sampling happens on the device with ``torch.randint``/``randperm``, so
nothing waits on Python loops. The budget (``budget_s``) counts training time only; periodic
evaluations are timed separately.

With ``validation_fraction`` set, a seeded per-shopper slice of the training edges is kept out of
training (:mod:`gnn.validation`); it is scored before the first epoch and every ``eval_every``
epochs, the best epoch's parameters are kept and returned, and the run stops after ``patience``
evaluations without improvement. The test slice, when there is one, is only monitored. On a large
shop both are scored on a fixed, seeded sample of their shoppers (:func:`gnn.validation.
sample_for_scoring`), drawn once per run; the counts are in the run log.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch

from gnn.checkpoint import load_checkpoint, save_checkpoint
from gnn.data import Interactions, Knowledge
from gnn.device import pick_device, seed_everything
from gnn.incremental import learned_edges
from gnn.loop import LoopSpec, RunLog, run_epochs
from gnn.losses import cosine_softmax_loss
from gnn.metrics import rank_metrics
from gnn.minibatch import estimate_full_graph_bytes, train_minibatch, use_minibatch
from gnn.model import GraphRecommender
from gnn.validation import BestEpoch, sample_for_scoring, selection_slice

log = logging.getLogger(__name__)


@dataclass
class TrainConfig:
    """Hyper-parameters of our recipe; the defaults are the Gowalla benchmark's."""

    dim: int = 64
    layers: int = 2
    batch_size: int = 8192
    negatives: int = 2048
    temperature: float = 0.1
    lr: float = 5e-3
    weight_decay: float = 0.0
    epochs: int = 1000
    budget_s: float | None = None
    eval_every: int = 5
    k: int = 20
    seed: int = 0
    device: str | None = None
    # Model selection (0: none, the last epoch is kept, as in the paper's Gowalla protocol).
    validation_fraction: float = 0.0
    patience: int | None = None  # evaluations without a better validation score before stopping
    # Validation shoppers scored per pass (None: by catalog size, gnn.validation_sample_size).
    validation_shoppers: int | None = None
    # Full graph when its estimated training memory fits the budget, else sampled mini-batches
    # (gnn.minibatch); "always"/"never" force one.
    minibatch: str = "auto"
    memory_budget_gb: float = 16.0
    fanout: int = 10  # neighbours sampled per node and layer in mini-batches
    # Stop after this many training batches (bench/scale.py times a few on a huge graph).
    max_batches: int | None = None


@dataclass
class TrainResult:
    """A trained model, the adjacency it propagates over, and how training went.

    ``adj`` holds every training edge, validation ones included: selection is done on the graph
    without them, but the kept model is served (and tested) with everything the shop knows.
    """

    model: GraphRecommender
    adj: torch.Tensor
    log: RunLog = field(default_factory=RunLog)
    learned_edges: int = 0  # the edges the loss ran over (fewer than adj's when `learn` is given)

    def embeddings(self) -> tuple[torch.Tensor, torch.Tensor]:
        """Unit-length ``(users, items)`` vectors on the CPU."""
        users, items = self.model.embeddings(self.adj)
        return users.cpu(), items.cpu()


def evaluate(model: GraphRecommender, adj: torch.Tensor, data: Interactions, k: int
             ) -> dict[str, float]:
    """Recall@K / NDCG@K on ``data.test`` with the training edges masked."""
    model.eval()
    users, items = model.embeddings(adj)
    model.train()
    return rank_metrics(users, items, data.train, data.test, k=k).as_dict()


def train_model(data: Interactions, config: TrainConfig, knowledge: Knowledge | None = None,
                checkpoint: Path | None = None, progress: bool = True,
                model: GraphRecommender | None = None,
                validation: torch.Tensor | None = None,
                learn: torch.Tensor | None = None) -> TrainResult:
    """Train our recipe on ``data.train``; evaluate on ``data.test`` every ``eval_every`` epochs.

    Args:
        data: interactions; with no test edges nothing is evaluated.
        config: hyper-parameters, budget, seed and device.
        knowledge: brands and categories, for the knowledge-aware variant.
        checkpoint: file to resume from, and to save to after every epoch.
        progress: show a tqdm bar with loss and the latest metrics.
        model: a prepared (e.g. warm-started) model to continue from.
        validation: edges to choose the epoch by instead of a slice carved from ``data.train``
            (see :func:`gnn.validation.selection_slice`); they are served with, never trained on.
        learn: pair keys (``user * num_items + item``) the loss learns, for an incremental
            refresh (:mod:`gnn.incremental`); the graph still propagates over every training
            edge. Mini-batch training (large shops) ignores it and learns every edge, and
            ``learned_edges`` of the result says so.
    """
    seed_everything(config.seed)
    device = pick_device(config.device)
    if model is None:
        model = GraphRecommender(data.num_users, data.num_items, config.dim, config.layers,
                                 knowledge)
    model = model.to(device)
    estimate = estimate_full_graph_bytes(
        data.num_users + data.num_items, data.train.size(1), model.user.embedding_dim,
        model.layers, config.batch_size, config.negatives)
    if use_minibatch(config.minibatch, estimate, config.memory_budget_gb):
        log.info("full-graph training needs about %.1f GiB: mini-batches", estimate / 2**30)
        model, run = train_minibatch(data, model, config, validation)
        served = data.train if validation is None else torch.cat([data.train, validation], 1)
        return TrainResult(model=model, adj=model.adjacency(served).to(device), log=run,
                           learned_edges=int(data.train.size(1)))
    rank, world = _process_group()
    # Under torchrun every rank holds the whole graph and model, draws the same permutation and
    # negatives (same seed), and trains on every world-th edge of each batch; DDP averages the
    # gradients, which equals the gradient of the whole batch on one process.
    net = torch.nn.parallel.DistributedDataParallel(model) if world > 1 else model
    result = TrainResult(model=model, adj=model.user.weight.new_zeros(0))
    fit = selection_slice(data, config.validation_fraction, config.seed, validation)
    if fit is not None:
        fit, result.log.validation_shoppers, result.log.validation_shoppers_of = (
            sample_for_scoring(fit, config.seed, config.validation_shoppers))
    # The held-out slice is scored for the learning curve only, on a sample of the same size.
    monitored = sample_for_scoring(data, config.seed, config.validation_shoppers)[0]
    served = data.train if validation is None else torch.cat([data.train, validation], 1)
    full_adj = model.adjacency(served).to(device)
    adj = model.adjacency(fit.train).to(device) if fit is not None else full_adj
    optimizer = torch.optim.Adam(model.parameters(), lr=config.lr,
                                 weight_decay=config.weight_decay)
    result.adj = full_adj
    best = BestEpoch(f"val_recall@{config.k}", config.patience) if fit is not None else None
    start_epoch = _resume(checkpoint, model, optimizer, result.log, best)
    edges = (fit.train if fit is not None else data.train).to(device)
    # Negatives come only from items someone interacted with: an item nobody has touched would
    # otherwise only ever be pushed away from every shopper, and a new product must keep the
    # place its brand and category give it (cold start).
    pool = torch.unique(edges[1])
    if learn is not None:
        edges = learned_edges(edges, learn, data.num_items)
    result.learned_edges = int(edges.size(1))

    def step(batch: torch.Tensor) -> torch.Tensor:
        batch = batch[rank::world]
        users, items = net(adj)
        negatives = pool[torch.randint(len(pool), (config.negatives,), device=device)]
        loss = cosine_softmax_loss(users[edges[0, batch]], items[edges[1, batch]],
                                   items[negatives], config.temperature)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss.detach()

    def save(next_epoch: int) -> None:
        save_checkpoint(checkpoint, {
            "model": model.state_dict(), "optimizer": optimizer.state_dict(),
            "next_epoch": next_epoch, "history": result.log.history,
            "train_s": result.log.train_s, "eval_s": result.log.eval_s, "config": asdict(config),
            "best": None if best is None else {"score": best.best_score, "epoch": best.best_epoch,
                                               "stale": best.stale, "state": best.state},
            "rng": torch.get_rng_state(),
            "cuda_rng": torch.cuda.get_rng_state(device) if device.type == "cuda" else None})

    spec = LoopSpec(num_edges=edges.size(1), batch_size=config.batch_size, epochs=config.epochs,
                    budget_s=config.budget_s, eval_every=config.eval_every, device=device,
                    desc="ours", progress=progress, max_batches=config.max_batches)
    has_test = data.test.numel() > 0

    def score() -> dict[str, float]:
        metrics: dict[str, float] = {}
        if fit is not None and fit.test.numel():
            metrics.update({f"val_{k}": v for k, v in evaluate(model, adj, fit, config.k).items()})
        if has_test:
            metrics.update(evaluate(model, full_adj, monitored, config.k))
        return metrics

    def keep_best(epoch: float, metrics: dict[str, float]) -> bool:
        return best.observe(epoch, metrics, model) if best is not None else False

    selecting = best is not None and fit is not None and fit.test.numel() > 0
    if selecting and start_epoch == 0:
        # The starting point (fresh or warm-started) is a candidate too: if no epoch beats it,
        # training made things worse and the start is what is kept.
        first = score()
        result.log.history.append({"epoch": 0.0, **first})
        keep_best(0.0, first)
    run_epochs(spec, step, score if (has_test or selecting) else None, result.log, start_epoch,
               save if checkpoint is not None and rank == 0 else None,
               keep_best if selecting else None)
    if selecting and best is not None:
        best.restore(model)
        result.log.best_epoch = best.best_epoch
        log.info("kept epoch %s (%s %.4f)", best.best_epoch, best.metric, best.best_score)
    model.eval()
    return result


def _process_group() -> tuple[int, int]:
    """``(rank, world size)`` of the torch.distributed group, ``(0, 1)`` outside one."""
    if torch.distributed.is_available() and torch.distributed.is_initialized():
        return torch.distributed.get_rank(), torch.distributed.get_world_size()
    return 0, 1


def _resume(path: Path | None, model: torch.nn.Module, optimizer: torch.optim.Optimizer,
            run: RunLog, best: BestEpoch | None = None) -> int:
    """Load the checkpoint at ``path`` into the run; the epoch to continue from (0 if none)."""
    state = load_checkpoint(path) if path is not None else None
    if state is None:
        return 0
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    run.history = list(state["history"])
    run.train_s, run.eval_s = state["train_s"], state["eval_s"]
    run.epochs = float(state["next_epoch"])
    if best is not None and state.get("best"):
        kept = state["best"]
        best.best_score, best.best_epoch, best.stale = kept["score"], kept["epoch"], kept["stale"]
        best.state = kept["state"]
    # The generators continue where they were, so a resumed run equals an uninterrupted one.
    torch.set_rng_state(state["rng"])
    if state.get("cuda_rng") is not None and torch.cuda.is_available():
        torch.cuda.set_rng_state(state["cuda_rng"])
    log.info("resuming from %s at epoch %d", path, state["next_epoch"])
    return int(state["next_epoch"])
