"""Shops too empty or too small for the defaults: a clear refusal (exit 3), and Recall@K with K
beyond the catalog."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, UTC

import pytest
import torch
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from gnn_support import load_tiny_shop, write_tiny_shop

from borderless.settings import REPO_ROOT
from gnn.cli import EXIT_NOTHING_TO_TRAIN_ON
from gnn.metrics import rank_metrics
from gnn.refresh import refresh
from gnn.settings import GnnSettings
from gnn.writeback import model_versions
from graph.driver import run_auto, write
from loaders.catalog import load_catalog
from statements import cypher_file

EMPTY = "gnnempty-"
FIVE = "gnnfive-"


def train_cli(prefix: str, tmp_path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BORDERLESS_GNN_ID_PREFIX": prefix, "BORDERLESS_GNN_EPOCHS": "1",
           "BORDERLESS_GNN_MODEL_DIR": str(tmp_path), "OMP_NUM_THREADS": "1"}
    return subprocess.run([sys.executable, "-m", "borderless.cli", "train", "--no-progress"],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300,
                          check=False)


@pytest.fixture
def empty_shops(driver, settings):
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=EMPTY)
    yield
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=EMPTY)


def test_train_on_a_shop_with_nothing_to_learn_names_what_is_missing(driver, settings,
                                                                     empty_shops, tmp_path):
    before = {v["id"] for v in model_versions(driver, settings)}
    load_tiny_shop(driver, settings, tmp_path / "no-shoppers", f"{EMPTY}a-", products=4,
                   shoppers=0)
    load_tiny_shop(driver, settings, tmp_path / "no-interactions", f"{EMPTY}b-", products=4,
                   shoppers=3, interactions=False)
    for prefix, missing in ((f"{EMPTY}none-", "no products"), (f"{EMPTY}a-", "no shoppers"),
                            (f"{EMPTY}b-", "no interactions")):
        run = train_cli(prefix, tmp_path)
        assert run.returncode == EXIT_NOTHING_TO_TRAIN_ON, (prefix, run.stderr[-2000:])
        assert missing in run.stderr and repr(prefix) in run.stderr, run.stderr
        assert "Traceback" not in run.stderr
    assert {v["id"] for v in model_versions(driver, settings)} == before  # nothing recorded


def test_recall_at_k_beyond_the_catalog_is_named_after_k():
    users, items = torch.eye(3, 4), torch.eye(5, 4)
    train = torch.tensor([[0, 1], [0, 1]])
    test = torch.tensor([[0, 1, 2], [2, 3, 4]])
    metrics = rank_metrics(users, items, train, test, k=20).as_dict()
    # Every one of the 5 products is ranked, so every held-out product is found.
    assert metrics["recall@20"] == pytest.approx(1.0)
    assert 0 < metrics["ndcg@20"] <= 1.0
    assert rank_metrics(users, items, train, test, k=2).as_dict()["recall@2"] < 1.0


@hypothesis_settings(max_examples=40, deadline=None)
@given(items=st.integers(1, 12), extra=st.integers(0, 30), seed=st.integers(0, 2**16))
def test_k_at_or_beyond_the_catalog_finds_every_held_out_item(items, extra, seed):
    generator = torch.Generator().manual_seed(seed)
    users = 4
    pairs = torch.randperm(users * items, generator=generator)
    cut = len(pairs) // 2
    train = torch.stack([pairs[:cut] // items, pairs[:cut] % items])
    test = torch.stack([pairs[cut:] // items, pairs[cut:] % items])
    k = items + extra
    metrics = rank_metrics(torch.randn(users, 8, generator=generator),
                           torch.randn(items, 8, generator=generator), train, test, k=k).as_dict()
    assert set(metrics) == {f"recall@{k}", f"ndcg@{k}", "eval_users"}
    if metrics["eval_users"]:
        assert metrics[f"recall@{k}"] == pytest.approx(1.0)
        assert 0 < metrics[f"ndcg@{k}"] <= 1.0 + 1e-6


@pytest.fixture
def five_products(driver, settings, tmp_path):
    db = settings.neo4j_database
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix=FIVE)
    before = {v["id"] for v in model_versions(driver, settings)}
    load_tiny_shop(driver, settings, tmp_path / "shop", FIVE, products=5, shoppers=12)
    yield
    ours = {v["id"] for v in model_versions(driver, settings)} - before
    write(driver, cypher_file("gnn_delete_model_versions"), db, ids=sorted(ours))
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix=FIVE)


def test_refresh_gate_on_a_shop_smaller_than_k(driver, settings, five_products, tmp_path):
    gnn = GnnSettings(epochs=3, final_epochs=1, batch_size=16, negatives=4, k=20, device="cpu",
                      id_prefix=FIVE, model_dir=tmp_path / "models", tolerance=1.0)
    first = refresh(driver, settings, gnn, fine_tune=False, force=True, progress=False)
    assert first.status == "activated"
    # Newer interactions to judge on, then the gated refresh compares candidate and served.
    later = tmp_path / "later"
    write_tiny_shop(later, FIVE, products=5, shoppers=12, offset=2,
                    start=datetime(2026, 11, 20, tzinfo=UTC))
    for name in ("countries", "brands", "categories", "products", "shipping", "shoppers"):
        (later / f"{name}.jsonl").unlink()
    assert load_catalog(driver, settings, later, later / "q.jsonl", progress=False).quarantined == 0
    second = refresh(driver, settings, gnn, progress=False)
    assert second.served_before == first.version, second
    for metrics in (second.metrics, second.served_metrics):
        assert 0.0 <= metrics["recall@20"] <= 1.0 and "recall@5" not in metrics, second
    assert second.status == "activated", second  # tolerance 1.0: the gate cannot refuse
