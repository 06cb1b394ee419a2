"""The recommendation refresh job: read the graph, train, judge on the newest interactions, swap.

Steps, each logged: mark versions a crashed run left staged as abandoned; read a snapshot of the
shop; hold out the newest interactions; train a candidate (fine-tuned from the active version's
checkpoint when there is one, then on the interactions since that version plus a replay of older
ones: ``gnn.incremental``); score the candidate *and the vectors served now* on the same
held-out slice; if the candidate's Recall@K is not below the served one's by more than the
tolerance, fit it on every interaction, stage its vectors and activate it atomically. A refused
candidate is recorded as ``rejected`` and changes nothing that readers see. Rerunning after a crash
at any point is safe: nothing is served until the single activation transaction commits.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field
from typing import Any

import torch
from neo4j import Driver

from borderless.errors import ModelError, NothingToTrainOn
from borderless.settings import Settings
from gnn.cold_start import served_users
from gnn.checkpoints import drop_deleted_shoppers, models_dir, resolve_checkpoint
from gnn.curves import plot_learning_curve
from gnn.data import Interactions
from gnn.graph_reader import ShopSnapshot, read_shop_graph
from gnn.incremental import SinceVersion, learned_edges, since_version
from gnn.kg_model import build_recommender
from gnn.metrics import rank_metrics
from gnn.minibatch import estimate_full_graph_bytes, use_minibatch
from gnn.model import GraphRecommender
from gnn.report_metrics import shop_report
from gnn.settings import GnnSettings
from gnn.shop import all_edges, time_split
from gnn.train import TrainConfig, evaluate, train_model
from gnn.validation import final_fit_split
from gnn.warm_start import save_version, warm_start
from gnn.writeback import (
    abandon_staged, activate, active_version, new_version_id, record_version, served_vectors,
    stage_country_tastes, stage_embeddings,
)

log = logging.getLogger(__name__)


@dataclass
class RefreshOutcome:
    """What one refresh did, as logged and as printed by ``--json``."""

    version: str
    status: str  # "activated" or "rejected"
    model: str = ""  # which model (BORDERLESS_GNN_MODEL's value), as on the ModelVersion node
    metrics: dict[str, Any] = field(default_factory=dict)  # figures, and "report" (see below)
    served_before: str | None = None
    served_metrics: dict[str, float] = field(default_factory=dict)
    snapshot: dict[str, int] = field(default_factory=dict)
    warm_started_rows: int = 0
    abandoned: list[str] = field(default_factory=list)
    epochs: float = 0.0
    best_epoch: float | None = None
    final_best_epoch: float | None = None  # the final fit's kept epoch (0: the candidate as judged)
    train_s: float = 0.0
    wall_s: float = 0.0
    reason: str = ""
    curve: str | None = None
    # Started from the active version: what it learned (gnn.incremental); None: every pair.
    incremental: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def train_config(gnn: GnnSettings, dim: int, epochs: int) -> TrainConfig:
    """Our recipe with the shop's settings."""
    return TrainConfig(dim=dim, layers=gnn.layers, batch_size=gnn.batch_size,
                       negatives=gnn.negatives, temperature=gnn.temperature, lr=gnn.lr,
                       weight_decay=gnn.weight_decay, epochs=epochs, budget_s=gnn.budget_s,
                       eval_every=gnn.eval_every, k=gnn.k, seed=gnn.seed, device=gnn.device,
                       validation_fraction=gnn.validation_fraction, patience=gnn.patience,
                       validation_shoppers=gnn.validation_shoppers,
                       minibatch=gnn.minibatch, memory_budget_gb=gnn.memory_budget_gb,
                       fanout=gnn.fanout)


def refresh(driver: Driver, settings: Settings, gnn: GnnSettings, *, fine_tune: bool = True,
            force: bool = False, progress: bool = True) -> RefreshOutcome:
    """Run the refresh job once (see the module docstring).

    Args:
        driver: the process's Neo4j driver.
        settings: connection, batch size and embedding dimension.
        gnn: training and gate settings.
        fine_tune: start from the active version's checkpoint when there is one.
        force: activate even if the gate would refuse (``borderless train``).
        progress: show progress bars.

    Raises:
        NothingToTrainOn: the shop has no products, no shoppers or no interactions.
    """
    tick = time.perf_counter()
    version = new_version_id()
    shop = gnn.id_prefix
    outcome = RefreshOutcome(version=version, status="rejected")
    outcome.abandoned = abandon_staged(driver, settings, shop=shop)
    if outcome.abandoned:
        log.info("marked versions left staged by an interrupted run as abandoned: %s",
                 outcome.abandoned)
    snapshot = read_shop_graph(driver, settings, progress, shop, images=gnn.images)
    _require_training_data(snapshot, shop)
    active = active_version(driver, settings, shop)
    # A forced run (``borderless train``) is judged on the plain newest slice; the gate needs a
    # slice the served version has not learned from either.
    served_until = active["trained_until_ms"] if active and not force else None
    data = time_split(snapshot, gnn.holdout_fraction,
                      served_until + 1 if served_until is not None else None)
    outcome.snapshot = {**snapshot.summary(), **data.summary()}
    log.info("snapshot %s", outcome.snapshot)
    if active and not force and not data.test.numel():
        outcome.reason = "no interactions newer than the served version to judge the candidate on"
        log.info("nothing to do: %s; %s stays active", outcome.reason, active["id"])
        outcome.wall_s = time.perf_counter() - tick
        return outcome
    dim = settings.embedding_dim
    minibatch = use_minibatch(gnn.minibatch, estimate_full_graph_bytes(
        data.num_users + data.num_items, data.train.size(1), dim, gnn.layers, gnn.batch_size,
        gnn.negatives), gnn.memory_budget_gb)
    model = build_recommender(gnn.model, data.num_users, data.num_items, dim, gnn.layers,
                              snapshot.knowledge, snapshot.graph, minibatch)
    since: SinceVersion | None = None
    if fine_tune and active and active["checkpoint"]:
        try:
            # The graph names the file; only the models folder is read, and as weights only.
            checkpoint = resolve_checkpoint(active["checkpoint"], models_dir(settings, gnn))
            outcome.warm_started_rows = warm_start(
                model, checkpoint, data.users, data.items, snapshot.knowledge,
                snapshot.graph.ids["country"] if snapshot.graph is not None else None)
            log.info("fine-tuning from %s (%d rows carried over)", active["id"],
                     outcome.warm_started_rows)
            if active["trained_until_ms"] is not None:
                since = since_version(snapshot, active["id"], active["trained_until_ms"],
                                      gnn.replay_ratio, gnn.seed)
                log.info("incremental: %s", since.as_json())
        except ModelError as e:
            log.warning("not fine-tuning from %s: %s", active["id"], e)
    # Training reads only data.train and keeps its best epoch by a validation slice carved out of
    # it; the held-out slice is scored along the way for the learning curve only. Started from
    # the active version, it learns only what arrived since (and the replay); when all of that
    # is held out to judge the candidate, the candidate is the active version's model as it is.
    outcome.model = model.model_name
    learn = since.keys if since is not None else None
    epochs = gnn.epochs
    if since is not None and not learned_edges(data.train, since.new_keys, data.num_items).numel():
        learn, epochs = since.keys[:0], 0  # replaying what it knows would teach it nothing new
    result = train_model(data, train_config(gnn, dim, epochs), model=model, progress=progress,
                         learn=learn)
    if since is not None:
        outcome.incremental = {**since.as_json(), "candidate_learned_edges": result.learned_edges}
    outcome.epochs, outcome.train_s = result.log.epochs, result.log.train_s
    outcome.best_epoch = result.log.best_epoch
    if data.test.numel():
        outcome.metrics = {**evaluate(result.model, result.adj, data, gnn.k),
                           **_popularity_metrics(data, gnn.k)}
        # Coverage, popularity bias, novelty, new products, per country (gnn.report_metrics).
        outcome.metrics["report"] = shop_report(*result.embeddings(), data.train, data.test,
                                                gnn.k, snapshot.graph)
        # How many shoppers each validation pass scored, of those with validation edges (a
        # large shop is judged on a seeded sample): on the ModelVersion node with the figures.
        outcome.metrics["validation_shoppers"] = result.log.validation_shoppers
        outcome.metrics["validation_shoppers_of"] = result.log.validation_shoppers_of
        if active and not force:  # a forced run is not compared with what is served
            outcome.served_metrics, outcome.served_before = _served_metrics(
                driver, settings, data, dim, gnn.k, active["id"])
    model_dir = models_dir(settings, gnn)
    outcome.curve = str(plot_learning_curve(
        {version: result.log.history}, model_dir / f"{version}.png", metric=f"recall@{gnn.k}",
        chosen_epoch=result.log.best_epoch,
        baseline=outcome.metrics.get(f"popularity_recall@{gnn.k}")))
    log.info("candidate %s: %s; served %s: %s", version, outcome.metrics,
             outcome.served_before, outcome.served_metrics)
    outcome.reason = "" if force else _refusal(outcome, gnn)
    if outcome.reason:
        record_version(driver, settings, version, status="rejected", metrics=outcome.metrics,
                       snapshot=outcome.snapshot, dim=dim, note=outcome.reason, shop=shop,
                       model=result.model.model_name)
        log.warning("refused %s: %s; %s stays active", version, outcome.reason,
                    outcome.served_before)
        outcome.wall_s = time.perf_counter() - tick
        return outcome
    _fit_and_activate(driver, settings, gnn, snapshot, data, result.model, version, outcome,
                      progress, since.keys if since is not None else None)
    outcome.wall_s = time.perf_counter() - tick
    return outcome


def _require_training_data(snapshot: ShopSnapshot, shop: str) -> None:
    """Refuse, by name, a shop a model cannot learn anything from."""
    where = f"shop {shop!r} (ids starting with {shop!r})" if shop else "the graph"
    if not len(snapshot.products):
        raise NothingToTrainOn(f"{where} has no products; load a catalog or `borderless load "
                               "demo` first")
    if not len(snapshot.shoppers):
        raise NothingToTrainOn(f"{where} has {len(snapshot.products)} products but no shoppers; "
                               "load shoppers and their interactions first")
    if not snapshot.user.numel():
        raise NothingToTrainOn(f"{where} has {len(snapshot.products)} products and "
                               f"{len(snapshot.shoppers)} shoppers but no interactions between "
                               "them (INTERACTED); load interactions first")


def _refusal(outcome: RefreshOutcome, gnn: GnnSettings) -> str:
    """Why the gate refuses the candidate, or "" when it may be activated."""
    key = f"recall@{gnn.k}"
    if outcome.served_metrics and outcome.metrics[key] < outcome.served_metrics[key] - gnn.tolerance:
        return (f"{key} {outcome.metrics[key]:.4f} is below the served "
                f"{outcome.served_metrics[key]:.4f} by more than {gnn.tolerance}")
    return ""


def _popularity_metrics(data: Interactions, k: int) -> dict[str, float]:
    """Recall/NDCG of ranking by popularity, the floor any useful model must clear."""
    popularity = torch.bincount(data.train[1], minlength=data.num_items).float().unsqueeze(1)
    metrics = rank_metrics(torch.ones(data.num_users, 1), popularity, data.train, data.test, k=k)
    return {f"popularity_recall@{k}": metrics.recall, f"popularity_ndcg@{k}": metrics.ndcg}


def _served_metrics(driver: Driver, settings: Settings, data: Interactions, dim: int, k: int,
                    served: str) -> tuple[dict[str, float], str | None]:
    """Recall/NDCG of the vectors the shop's active version ``served`` serves now, on the
    candidate's held-out slice."""
    users, version = served_vectors(driver, settings, "Shopper", data.users, dim, served)
    items, item_version = served_vectors(driver, settings, "Product", data.items, dim, served)
    if version is None or item_version is None:
        return {}, None
    return rank_metrics(users, items, data.train, data.test, k=k).as_dict(), version


def _fit_and_activate(driver: Driver, settings: Settings, gnn: GnnSettings, snapshot: Any,
                      data: Interactions, model: GraphRecommender, version: str,
                      outcome: RefreshOutcome, progress: bool,
                      learn: torch.Tensor | None = None) -> None:
    """Fit on every interaction, save the checkpoint, stage the vectors, activate.

    The fit starts from the judged candidate, which has trained on ``data.train``: a validation
    slice carved from those edges would crown epoch 0 every time (the candidate remembers them)
    and ship a model that never learned the newest interactions. So the epoch is chosen on a
    per-shopper half of the held-out slice (``data.test``), which no model has trained on, and
    the other half is learned; the chosen model is served with every edge.
    """
    everything = all_edges(snapshot)
    fit, validation = final_fit_split(everything, data.test, gnn.seed)
    config = train_config(gnn, model.user.embedding_dim, gnn.final_epochs)
    # An empty validation slice means no selection at all: carving one from the training edges
    # instead is the leak described above.
    final = train_model(fit, config, model=model, progress=progress, validation=validation,
                        learn=learn)
    outcome.final_best_epoch = final.log.best_epoch
    if outcome.incremental is not None:
        outcome.incremental["final_learned_edges"] = final.learned_edges
    # Shoppers without history get their country's taste, not an untrained vector.
    users, items = final.embeddings()
    users, tastes = served_users(final.model, users, everything.train, snapshot.graph)
    checkpoint = models_dir(settings, gnn) / f"{version}.pt"
    save_version(checkpoint, final.model, everything.users, everything.items, snapshot.knowledge,
                 snapshot.graph.ids["country"] if snapshot.graph is not None else None)
    # The graph keeps the file's name only; it is looked up in the models folder when read.
    record_version(driver, settings, version, status="staged", metrics=outcome.metrics,
                   snapshot=outcome.snapshot, dim=users.size(1), checkpoint=checkpoint.name,
                   trained_until_ms=float(snapshot.at_ms.max()) if snapshot.at_ms.numel() else None,
                   shop=gnn.id_prefix, model=final.model.model_name)
    stage_embeddings(driver, settings, version, "Shopper", everything.users, users, progress)
    stage_embeddings(driver, settings, version, "Product", everything.items, items, progress)
    stage_country_tastes(driver, settings, version, tastes)
    activate(driver, settings, version)
    outcome.status = "activated"
    # A shopper deleted while this run trained must not live on in its checkpoint.
    dropped = drop_deleted_shoppers(driver, settings, checkpoint)
    if dropped:
        log.info("dropped %d shopper(s) deleted during the run from %s", dropped, checkpoint.name)
