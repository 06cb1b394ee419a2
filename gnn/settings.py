"""Settings of the recommendation model and its refresh job (``BORDERLESS_GNN_*`` variables)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from borderless.settings import settings_error


class GnnSettings(BaseSettings):
    """How the shop model trains and when a refresh may replace the active version."""

    model_config = SettingsConfigDict(env_prefix="BORDERLESS_GNN_", env_file=".env",
                                      extra="ignore")

    # Measured on the demo shop (10k shoppers, 100k interactions): 20 epochs reach the Recall@20
    # of 60, in a third of the time (bench/RESULTS.md).
    epochs: int = Field(default=20, ge=0, le=100_000)
    budget_s: float | None = Field(default=None, gt=0)
    batch_size: int = Field(default=4096, ge=1)
    negatives: int = Field(default=256, ge=1)
    lr: float = Field(default=1e-2, gt=0)
    temperature: float = Field(default=0.15, gt=0)
    layers: int = Field(default=2, ge=0, le=8)
    weight_decay: float = Field(default=1e-6, ge=0)
    seed: int = 0
    device: str | None = None
    # CPU threads for torch (default: torch's choice). On a busy shared machine 1 is often faster.
    threads: int | None = Field(default=None, ge=1)
    k: int = Field(default=20, ge=1)
    # Full-graph training while its estimated memory fits this budget, else mini-batches through
    # PyG's LinkNeighborLoader (gnn/minibatch.py); "always"/"never" force one path.
    minibatch: Literal["auto", "always", "never"] = "auto"
    memory_budget_gb: float = Field(default=16.0, gt=0)
    fanout: int = Field(default=10, ge=1)
    # Which model: the knowledge-aware LightGCN over shopper-product edges, LightGCN over the
    # whole knowledge graph (gnn/kg_model.py), or that with a content path for new products and
    # shoppers (gnn/kg_content.py). kg_content beat both on held-out, new products and new
    # shoppers in every seed (bench/kg_models.py, bench/RESULTS.md 2026-12-06); a shop trained
    # in mini-batches gets knowledge_aware (the only one that supports them).
    model: Literal["knowledge_aware", "kg_lightgcn", "kg_content"] = "kg_content"
    # Products' main-picture vectors (`borderless load image-index`) as one more input of the
    # product base (gnn/model.py): on|off. Off: on the 800-product demo shop it made Recall@20 on
    # new products worse (0.183 vs 0.211, bench/kg_models.py --images, bench/RESULTS.md).
    images: bool = False
    # Model selection: this seeded share of each shopper's *training* interactions (never the
    # held-out slice) is kept out of training and scored every `eval_every` epochs; the best
    # epoch is what is staged, and training stops after `patience` evaluations without a better
    # score (unset: run every epoch, still keep the best). 0 turns selection off (last epoch).
    validation_fraction: float = Field(default=0.1, ge=0, lt=1)
    eval_every: int = Field(default=2, ge=1)
    # Shoppers each validation pass scores against every product (unset: by catalog size, about
    # 2^31 scores and never under 10,000 shoppers, gnn/validation.py; a small shop scores all).
    validation_shoppers: int | None = Field(default=None, ge=1)
    patience: int | None = Field(default=4, ge=1)
    # The newest share of interactions (by `at`) held out to judge a candidate model.
    holdout_fraction: float = Field(default=0.1, gt=0, lt=1)
    # A candidate is activated unless its Recall@K is below the active one's by more than this.
    tolerance: float = Field(default=0.01, ge=0)
    # After a candidate passes the gate it trains this many more epochs on every interaction,
    # so shoppers seen only in the held-out slice get served too.
    final_epochs: int = Field(default=5, ge=0)
    # A refresh that starts from the active version learns the pairs interacted with since that
    # version plus this many older pairs per new one, replayed so it does not forget them
    # (gnn/incremental.py); the graph it propagates over is still every interaction.
    replay_ratio: float = Field(default=1.0, ge=0)
    # Train on one shop only: shoppers and products whose id starts with this ('' for all).
    id_prefix: str = ""
    # Where versions' checkpoints live (for fine-tuning); default: <state dir>/models.
    model_dir: Path | None = None


def get_gnn_settings(**overrides: Any) -> GnnSettings:
    """Settings from the environment, with ``overrides`` (e.g. from CLI flags) on top."""
    try:
        return GnnSettings(**{k: v for k, v in overrides.items() if v is not None})
    except ValueError as e:  # pydantic's ValidationError and SettingsError are ValueErrors
        raise settings_error(GnnSettings, e) from None
