"""The recommendation model on tiny CPU tensors: metrics, planted tastes, cold start, resume."""

from __future__ import annotations

from dataclasses import replace

import pytest
import torch

from gnn.baseline import BaselineConfig, train_baseline
from gnn.data import Interactions, Knowledge
from gnn.metrics import rank_metrics
from gnn.train import TrainConfig, train_model

GROUPS, ITEMS_PER_GROUP, USERS_PER_GROUP = 4, 12, 30


@pytest.fixture(autouse=True)
def one_thread():
    """Tiny tensors: one thread beats OpenMP's hand-offs, most of all on a shared busy machine."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


FAST = TrainConfig(dim=16, layers=2, batch_size=256, negatives=32, temperature=0.2, lr=0.02,
                   epochs=30, eval_every=30, k=10, device="cpu")


def planted(seed: int = 0, cold_item: bool = False) -> tuple[Interactions, Knowledge]:
    """Users of group g interact only with items of group g; item 0 may be left untouched."""
    gen = torch.Generator().manual_seed(seed)
    train, test = [], []
    for user in range(GROUPS * USERS_PER_GROUP):
        group = user % GROUPS
        items = group * ITEMS_PER_GROUP + torch.randperm(ITEMS_PER_GROUP, generator=gen)
        items = items[items != 0] if cold_item else items
        train += [(user, int(i)) for i in items[:5]]
        test += [(user, int(i)) for i in items[5:7]]
    num_items = GROUPS * ITEMS_PER_GROUP
    item_group = torch.arange(num_items) // ITEMS_PER_GROUP
    knowledge = Knowledge(num_brands=GROUPS, num_categories=GROUPS + 1, item_brand=item_group,
                          category_items=torch.arange(num_items).repeat(2),
                          category_ids=torch.cat([item_group, torch.full((num_items,), GROUPS)]))
    data = Interactions(GROUPS * USERS_PER_GROUP, num_items, torch.tensor(train).T,
                        torch.tensor(test).T)
    return data, knowledge


def test_metrics_match_a_hand_computed_ranking():
    # One user, items 0..4; scores rank 4 > 3 > 2 > 1 > 0; item 4 is a training item (masked).
    users = torch.tensor([[1.0]])
    items = torch.tensor([[0.0], [1.0], [2.0], [3.0], [4.0]])
    train = torch.tensor([[0], [4]])
    test = torch.tensor([[0, 0], [3, 0]])  # relevant: item 3 (rank 1) and item 0 (rank 4)
    m = rank_metrics(users, items, train, test, k=2)
    assert m.recall == pytest.approx(0.5)  # one of two test items in the top 2
    assert m.ndcg == pytest.approx(1.0 / (1.0 + 1.0 / torch.log2(torch.tensor(3.0)).item()))


def test_planted_tastes_are_recovered_well_above_random():
    data, _ = planted()
    result = train_model(data, FAST, progress=False)
    recall = result.log.last_metrics()["recall@10"]
    # Random ranking of the 43 unseen items finds 10/43 of the test items.
    assert recall > 0.8 > 3 * 10 / 43
    assert result.log.history[-1]["loss"] < result.log.history[0]["loss"]


def test_same_seed_same_model_and_resume_equals_uninterrupted(tmp_path):
    data, _ = planted()
    config = replace(FAST, epochs=6, eval_every=100)
    whole = train_model(data, config, progress=False).embeddings()
    again = train_model(data, config, progress=False).embeddings()
    assert torch.equal(whole[0], again[0]) and torch.equal(whole[1], again[1])

    checkpoint = tmp_path / "run.pt"
    train_model(data, replace(config, epochs=3), checkpoint=checkpoint, progress=False)
    resumed = train_model(data, config, checkpoint=checkpoint, progress=False)
    assert resumed.log.epochs == 6 and len(resumed.log.history) == 6
    users, items = resumed.embeddings()
    assert torch.allclose(users, whole[0], atol=1e-5) and torch.allclose(items, whole[1], atol=1e-5)


def test_cold_item_is_ranked_high_through_brand_and_category():
    data, knowledge = planted(cold_item=True)
    assert not (data.train[1] == 0).any()  # nobody touched item 0
    result = train_model(data, FAST, knowledge=knowledge, progress=False)
    users, items = result.embeddings()
    group0 = torch.arange(0, data.num_users, GROUPS)
    scores = users[group0] @ items.T
    rank_of_cold = (scores > scores[:, :1]).sum(1)
    # Item 0 sits among group 0's twelve items for most group-0 users, ahead of the 36 others.
    assert (rank_of_cold < ITEMS_PER_GROUP).float().mean() > 0.8

    pure = train_model(data, FAST, progress=False).embeddings()
    pure_rank = ((pure[0][group0] @ pure[1].T) > (pure[0][group0] @ pure[1][:1].T)).sum(1)
    assert (pure_rank < ITEMS_PER_GROUP).float().mean() < 0.5  # collaborative alone cannot


def test_pyg_lightgcn_reference_learns():
    data, _ = planted()
    _, log = train_baseline(data, BaselineConfig(dim=16, batch_size=64, lr=0.01, epochs=15,
                                                 eval_every=15, k=10, device="cpu"),
                            progress=False)
    assert log.history[-1]["loss"] < log.history[0]["loss"]
    assert log.last_metrics()["recall@10"] > 2 * 10 / 43
