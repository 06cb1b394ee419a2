"""Never ship a worse model: the validation slice, the kept epoch, early stopping, the curve."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from test_gnn_model import FAST, planted

from gnn.curves import draw_learning_curve, plot_learning_curve
from gnn.train import evaluate, train_model
from gnn.data import Interactions
from gnn.validation import (
    carve_validation,
    final_fit_split,
    sample_for_scoring,
    validation_sample_size,
    validation_split,
)

# On the planted shop this recipe peaks within a few epochs and then overfits: validation
# Recall@10 falls from 1.0 (epochs 2-6) to about 0.82 by epoch 12 (seen 2026-12-06).
OVERFITTING = replace(FAST, dim=32, lr=0.02, epochs=12, eval_every=2, validation_fraction=0.2)


@pytest.fixture(autouse=True)
def one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 9), min_size=0, max_size=120), st.floats(0.05, 0.9),
       st.integers(0, 3))
def test_validation_is_a_per_shopper_share_of_the_training_edges(users, fraction, seed):
    train = torch.tensor([users, list(range(len(users)))], dtype=torch.long).reshape(2, -1)
    fit, val = carve_validation(train, 10, fraction, seed)
    # Nothing lost, nothing invented: fit and validation partition the training edges.
    assert sorted(torch.cat([fit, val], 1)[1].tolist()) == list(range(len(users)))
    counts = torch.bincount(train[0], minlength=10)
    given_up = torch.bincount(val[0], minlength=10)
    for user in range(10):
        if counts[user] < 3:
            assert given_up[user] == 0  # too few edges to spare any
        else:
            assert 1 <= given_up[user] < counts[user]  # gives some, keeps some to learn from
            count = int(counts[user])
            assert given_up[user] == min(max(1, math.ceil(count * fraction)), count - 1)
    again = carve_validation(train, 10, fraction, seed)
    assert torch.equal(again[1], val)  # the same seed draws the same slice


def test_validation_never_takes_the_test_slice():
    data, _ = planted()
    split = validation_split(data, 0.2, seed=0)
    test_pairs = set(map(tuple, data.test.T.tolist()))
    val_pairs = set(map(tuple, split.test.T.tolist()))
    assert val_pairs and not val_pairs & test_pairs
    assert val_pairs <= set(map(tuple, data.train.T.tolist()))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 50))
def test_the_final_fit_chooses_its_epoch_on_edges_the_candidate_never_saw(seed):
    # The refresh job's final fit starts from a candidate trained on data.train. Its validation
    # slice must come from the held-out edges only (carving it from every edge let the candidate's
    # memory win epoch 0 and shipped a model that never learned the newest interactions).
    data, _ = planted(seed)
    everything = Interactions(data.num_users, data.num_items, torch.cat([data.train, data.test], 1),
                              data.train.new_zeros((2, 0)))
    fit, val = final_fit_split(everything, data.test, seed)
    pairs = lambda edges: set(map(tuple, edges.T.tolist()))  # noqa: E731
    assert pairs(val) and pairs(val) <= pairs(data.test)
    assert not pairs(val) & pairs(data.train)
    # Nothing lost: what is not chosen on is learned.
    assert pairs(fit.train) | pairs(val) == pairs(everything.train)
    assert not pairs(fit.train) & pairs(val)
    # Each shopper learns half of their held-out edges and is judged on the other half.
    held = torch.bincount(data.test[0], minlength=data.num_users)
    judged = torch.bincount(val[0], minlength=data.num_users)
    assert torch.equal(judged[held >= 2], torch.ceil(held[held >= 2] / 2).long().clamp(max=held[held >= 2] - 1))
    again, _ = final_fit_split(everything, data.test, seed)
    assert torch.equal(again.train, fit.train)


def test_a_final_fit_with_nothing_held_out_chooses_nothing():
    data, _ = planted()
    everything = Interactions(data.num_users, data.num_items, data.train,
                              data.train.new_zeros((2, 0)))
    fit, val = final_fit_split(everything, data.train.new_zeros((2, 0)))
    assert val.numel() == 0 and torch.equal(fit.train, data.train)
    # No selection at all, rather than a slice carved from edges the start already knows.
    result = train_model(fit, replace(OVERFITTING, epochs=2), progress=False, validation=val)
    assert result.log.best_epoch is None
    assert not any("val_recall@10" in p for p in result.log.history)


def test_the_kept_model_is_the_best_validation_epoch_not_the_last():
    data, _ = planted()
    result = train_model(data, OVERFITTING, progress=False)
    points = [p for p in result.log.history if "val_recall@10" in p]
    top = max(p["val_recall@10"] for p in points)
    best = [p for p in points if p["val_recall@10"] == top][-1]  # a tie keeps the later epoch
    last = points[-1]
    assert last["val_recall@10"] < best["val_recall@10"] - 0.05  # the planted decline happened
    assert result.log.best_epoch == best["epoch"] < last["epoch"]
    # The returned parameters are exactly those of a run stopped at the best epoch.
    stopped = train_model(data, replace(OVERFITTING, epochs=int(best["epoch"])), progress=False)
    for name, value in stopped.model.state_dict().items():
        assert torch.equal(result.model.state_dict()[name], value), name
    # And they score the best validation figure, not the last one.
    split = validation_split(data, OVERFITTING.validation_fraction, OVERFITTING.seed)
    from gnn.propagation import normalized_adjacency

    fit_adj = normalized_adjacency(split.train, data.num_users, data.num_items)
    kept = evaluate(result.model, fit_adj, split, 10)["recall@10"]
    assert kept == pytest.approx(best["val_recall@10"])


def test_training_stops_after_patience_evaluations_without_improvement():
    data, _ = planted()
    result = train_model(data, replace(OVERFITTING, patience=2), progress=False)
    points = [p for p in result.log.history if "val_recall@10" in p]
    first_best = max(range(len(points)), key=lambda i: points[i]["val_recall@10"])
    assert result.log.epochs < OVERFITTING.epochs  # stopped early
    # Exactly `patience` evaluations after the last real improvement (ties do not count).
    assert len(points) - 1 - first_best == 2
    top = points[first_best]["val_recall@10"]
    assert result.log.best_epoch == [p for p in points if p["val_recall@10"] == top][-1]["epoch"]


def test_a_warm_start_is_kept_when_training_only_hurts():
    data, _ = planted()
    good = train_model(data, replace(OVERFITTING, epochs=4), progress=False).model
    before = {k: v.clone() for k, v in good.state_dict().items()}
    # Continuing with an absurd learning rate wrecks the model; the start (epoch 0) is kept.
    wrecked = train_model(data, replace(OVERFITTING, lr=50.0, epochs=4), model=good,
                          progress=False)
    points = [p for p in wrecked.log.history if "val_recall@10" in p]
    assert points[0]["epoch"] == 0.0 and points[-1]["val_recall@10"] < points[0]["val_recall@10"]
    assert wrecked.log.best_epoch == 0.0
    for name, value in before.items():
        assert torch.equal(wrecked.model.state_dict()[name], value), name


def test_the_curve_has_epochs_the_kept_epoch_and_the_popularity_floor(tmp_path):
    history = [{"epoch": 0.0, "val_recall@20": 0.1}, {"epoch": 1.0, "loss": 2.0, "train_s": 9.0},
               {"epoch": 2.0, "loss": 1.5, "train_s": 30.0, "recall@20": 0.2,
                "val_recall@20": 0.3}]
    fig = draw_learning_curve({"run": history}, chosen_epoch=2.0, baseline=0.05)
    ax_loss, ax_metric = fig.axes
    assert ax_loss.get_xlabel() == ax_metric.get_xlabel() == "epoch"
    lines = {line.get_label(): line for line in ax_metric.get_lines()}
    assert list(lines["run held out"].get_xdata()) == [2.0]
    assert list(lines["run validation"].get_xdata()) == [0.0, 2.0]
    assert list(lines["popularity 0.0500"].get_ydata()) == [0.05, 0.05]
    assert list(lines["kept epoch 2"].get_xdata()) == [2.0, 2.0]
    path = plot_learning_curve({"run": history}, tmp_path / "c.png", chosen_epoch=2.0)
    assert path.read_bytes()[:4] == b"\x89PNG"


# --- Validation on a sample of shoppers (a large shop cannot rank every product for everyone) ---


def test_the_validation_sample_follows_the_catalog_and_keeps_small_shops_whole():
    assert validation_sample_size(40_981) >= 29_858  # Gowalla: every shopper
    assert validation_sample_size(5_000) > 10_000  # the demo shop: every shopper
    assert validation_sample_size(200_000) == (1 << 31) // 200_000  # 1M shoppers: 10,737
    assert validation_sample_size(10_000_000) == 10_000  # never fewer


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 19), st.integers(0, 9)), max_size=80),
       st.integers(0, 25), st.integers(0, 3))
def test_a_sample_keeps_whole_shoppers_and_loses_no_edge(pairs, size, seed):
    test = torch.tensor(pairs, dtype=torch.long).reshape(-1, 2).T
    data = Interactions(20, 10, torch.tensor([[0], [0]]), test)
    cut, sampled, of = sample_for_scoring(data, seed, size)
    shoppers = set(test[0].tolist())
    assert of == len(shoppers) and sampled == min(size, len(shoppers))
    assert set(cut.test[0].tolist()) <= shoppers and len(set(cut.test[0].tolist())) == sampled
    # Every edge is still somewhere: scored, or back in training; a sampled shopper keeps all.
    everything = sorted(map(tuple, torch.cat([data.train, data.test], 1).T.tolist()))
    assert sorted(map(tuple, torch.cat([cut.train, cut.test], 1).T.tolist())) == everything
    kept = set(cut.test[0].tolist())
    assert sorted(p for p in pairs if p[0] in kept) == sorted(map(tuple, cut.test.T.tolist()))
    again = sample_for_scoring(data, seed, size)[0]
    assert torch.equal(again.test, cut.test)  # the same seed draws the same shoppers


@pytest.mark.parametrize("path", ["never", "always"])
def test_every_epoch_is_judged_on_the_same_sample_of_validation_shoppers(path):
    config = replace(OVERFITTING, epochs=6, validation_shoppers=7, minibatch=path, fanout=5,
                     batch_size=128)
    data, _ = planted()
    result = train_model(data, config, progress=False)
    judged = [p for p in result.log.history if "val_eval_users" in p]
    assert len(judged) >= 3 and {p["val_eval_users"] for p in judged} == {7}
    split = validation_split(data, config.validation_fraction, config.seed)
    assert result.log.validation_shoppers == 7
    assert result.log.validation_shoppers_of == len(torch.unique(split.test[0])) > 7
    # The first pass scores the untrained start on exactly the seeded sample.
    sample = sample_for_scoring(split, config.seed, 7)[0]
    fresh = train_model(data, replace(config, epochs=0), progress=False)
    start = evaluate(fresh.model, fresh.model.adjacency(sample.train), sample, config.k)
    assert judged[0]["val_recall@10"] == pytest.approx(start["recall@10"])


def test_a_small_shop_is_judged_on_every_validation_shopper():
    data, _ = planted()
    result = train_model(data, OVERFITTING, progress=False)
    split = validation_split(data, OVERFITTING.validation_fraction, OVERFITTING.seed)
    everyone = len(torch.unique(split.test[0]))
    judged = {p["val_eval_users"] for p in result.log.history if "val_eval_users" in p}
    assert judged == {everyone}
    assert result.log.validation_shoppers == result.log.validation_shoppers_of == everyone
