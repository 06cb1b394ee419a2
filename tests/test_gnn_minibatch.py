"""Mini-batch training through PyG's LinkNeighborLoader with the plain-torch sampler, forced on."""

from __future__ import annotations

from dataclasses import replace

import pytest
import torch
from test_gnn_model import FAST, planted
from torch_geometric.data import Data
from torch_geometric.loader import LinkNeighborLoader

from gnn.metrics import rank_metrics
from gnn.minibatch import (
    estimate_full_graph_bytes,
    minibatch_step,
    row_optimizers,
    training_loader,
    use_minibatch,
)
from gnn.model import GraphRecommender
from gnn.sampler import TorchNeighborSampler
from gnn.train import train_model


@pytest.fixture(autouse=True)
def one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def test_the_sampler_gives_every_in_neighbour_with_its_edge_id_when_fanout_is_all():
    gen = torch.Generator().manual_seed(0)
    edge_index = torch.unique(torch.randint(12, (2, 40), generator=gen), dim=1)
    edge_index = edge_index[:, edge_index[0] != edge_index[1]]
    data = Data(edge_index=edge_index, num_nodes=12)
    seeds = edge_index[:, :3]
    loader = LinkNeighborLoader(data, num_neighbors=[-1, -1], batch_size=3,
                                edge_label_index=seeds,
                                neighbor_sampler=TorchNeighborSampler(data, num_neighbors=[-1, -1]))
    (batch,) = list(loader)
    sampled = {(int(batch.n_id[s]), int(batch.n_id[d])) for s, d in batch.edge_index.T}
    # Brute force: every edge into the seeds, then every edge into the nodes they reached.
    hop0 = set(seeds.flatten().tolist())
    hop1 = {s for s, d in edge_index.T.tolist() if d in hop0}
    expected = {(s, d) for s, d in edge_index.T.tolist() if d in hop0 or d in hop1 - hop0}
    assert sampled == expected
    for (s, d), e in zip(batch.edge_index.T.tolist(), batch.e_id.tolist(), strict=True):
        assert (int(batch.n_id[s]), int(batch.n_id[d])) == tuple(edge_index[:, e].tolist())
    label = batch.n_id[batch.edge_label_index]
    assert torch.equal(label, seeds)


def test_the_sampler_keeps_at_most_fanout_in_edges_per_node():
    edge_index = torch.stack([torch.arange(1, 21), torch.zeros(20, dtype=torch.long)])
    data = Data(edge_index=edge_index, num_nodes=21)
    out = TorchNeighborSampler(data, num_neighbors=[5])._sample(torch.tensor([0]))
    assert out.row.numel() == 5 and len(set(out.node.tolist())) == 6


def test_the_size_estimate_chooses_the_path():
    small = estimate_full_graph_bytes(10_000, 100_000, 64, 2, 4096, 256)
    large = estimate_full_graph_bytes(1_200_000, 20_000_000, 64, 2, 8192, 2048)
    assert small < 2**30 < large
    assert not use_minibatch("auto", small, 16.0) and use_minibatch("auto", large, 1.0)
    assert use_minibatch("always", small, 16.0) and not use_minibatch("never", large, 1.0)


def test_forced_minibatch_training_learns_the_planted_tastes():
    data, _ = planted()
    config = replace(FAST, epochs=12, eval_every=2, minibatch="always", fanout=5,
                     validation_fraction=0.2, batch_size=128)
    result = train_model(data, config, progress=False)
    losses = [p["loss"] for p in result.log.history if "loss" in p]
    assert losses[-1] < losses[0]
    assert result.log.best_epoch is not None
    users, items = result.embeddings()
    recall = rank_metrics(users, items, data.train, data.test, k=10).recall
    assert recall > 0.8 > 3 * 10 / 43  # random ranking: about 10/43


def test_a_hub_costs_the_sampler_its_fanout_not_its_degree(monkeypatch):
    # A product bought by 200,000 shoppers, seen from one of them: the old sampler drew a random
    # key for every one of the hub's in-edges (then sorted them) at every batch that reached it.
    hub_degree, fanout = 200_000, 10
    edge_index = torch.stack([torch.arange(1, hub_degree + 1),
                              torch.zeros(hub_degree, dtype=torch.long)])
    data = Data(edge_index=edge_index, num_nodes=hub_degree + 1)
    sampler = TorchNeighborSampler(data, num_neighbors=[fanout])
    drawn = []
    rand = torch.rand

    def counting_rand(*size, **kwargs):
        out = rand(*size, **kwargs)
        drawn.append(out.numel())
        return out

    monkeypatch.setattr(torch, "rand", counting_rand)
    out = sampler._sample(torch.tensor([0]))
    assert out.row.numel() == fanout and len(set(out.node.tolist())) == fanout + 1
    assert sum(drawn) < 100 * fanout


def test_hub_draws_are_distinct_and_every_in_edge_is_equally_likely():
    torch.manual_seed(0)
    degree, fanout, rounds = 50, 10, 4000  # degree > 2 * fanout: the redraw path
    edge_index = torch.stack([torch.arange(1, degree + 1), torch.zeros(degree, dtype=torch.long)])
    sampler = TorchNeighborSampler(Data(edge_index=edge_index, num_nodes=degree + 1),
                                   num_neighbors=[fanout])
    counts = torch.zeros(degree + 1)
    for _ in range(rounds):
        picked = sampler._sample(torch.tensor([0])).node[1:]
        assert picked.numel() == fanout and picked.unique().numel() == fanout
        counts[picked] += 1
    expected = rounds * fanout / degree  # 800 per in-edge; a binomial sd of about 25
    assert float((counts[1:] - expected).abs().max()) < 6 * expected ** 0.5


def test_a_batch_reads_only_its_own_rows_and_they_equal_the_whole_tables():
    from gnn.model import GraphRecommender

    data, knowledge = planted()
    model = GraphRecommender(data.num_users, data.num_items, 8, 2, knowledge)
    torch.nn.init.normal_(model.item.weight)
    nodes = torch.tensor([data.num_users + 3, 0, 5, data.num_users, 2, data.num_users + 3])
    whole = torch.cat([model.user.weight, model.item_base()])[nodes]
    (whole ** 2).sum().backward()
    expected = {name: p.grad.clone() for name, p in model.named_parameters()}
    model.zero_grad()
    rows = model.node_base(nodes)
    (rows ** 2).sum().backward()
    assert torch.allclose(rows, whole)
    for name, p in model.named_parameters():
        assert torch.allclose(p.grad, expected[name]), name


@pytest.mark.parametrize("path", ["never", "always"])
def test_max_batches_stops_both_paths_after_that_many_steps(path):
    data, _ = planted()
    config = replace(FAST, epochs=5, batch_size=64, minibatch=path, max_batches=3,
                     validation_fraction=0.0)
    result = train_model(data, config, progress=False)
    per_epoch = -(-data.train.size(1) // 64)
    assert per_epoch > 3
    assert result.log.epochs == pytest.approx(3 / per_epoch, abs=1e-3)
    assert result.log.train_cpu_s > 0


def test_full_ranking_scores_a_large_catalog_in_bounded_slices_with_the_same_result(monkeypatch):
    import gnn.metrics
    from gnn.metrics import MAX_SCORE_CELLS, users_per_batch

    # 4,096 shoppers x 200,000 products was one 3.3 GB score matrix per batch.
    assert users_per_batch(200_000) * 200_000 <= MAX_SCORE_CELLS <= 2**26
    assert users_per_batch(5_000) == 4096  # the demo shop's batches are unchanged
    gen = torch.Generator().manual_seed(0)
    users, items = torch.randn(50, 8, generator=gen), torch.randn(300, 8, generator=gen)
    train = torch.stack([torch.randint(50, (400,), generator=gen),
                         torch.randint(300, (400,), generator=gen)])
    test = torch.stack([torch.randint(50, (200,), generator=gen),
                        torch.randint(300, (200,), generator=gen)])
    whole = rank_metrics(users, items, train, test, k=10)
    monkeypatch.setattr(gnn.metrics, "MAX_SCORE_CELLS", 900)  # 3 shoppers per slice
    assert gnn.metrics.users_per_batch(300) == 3
    sliced = rank_metrics(users, items, train, test, k=10)
    assert sliced.recall == pytest.approx(whole.recall) and sliced.ndcg == pytest.approx(whole.ndcg)


def _two_steps(optimizers_for):
    """Rows before and after a second batch's step, and what each of the two batches touched."""
    data, _ = planted()
    torch.manual_seed(0)
    model = GraphRecommender(data.num_users, data.num_items, 16, 2)
    config = replace(FAST, batch_size=4, fanout=2, weight_decay=1e-3)
    loader, inv_sqrt = training_loader(data.train, data.num_users, data.num_items, config, 2)
    optimizers = optimizers_for(model, config)
    batches = iter(loader)
    first, second = next(batches), next(batches)
    minibatch_step(model, first, inv_sqrt, optimizers, config.temperature, config.weight_decay)
    before = torch.cat([model.user.weight, model.item.weight]).detach().clone()
    minibatch_step(model, second, inv_sqrt, optimizers, config.temperature, config.weight_decay)
    after = torch.cat([model.user.weight, model.item.weight]).detach()
    touched = torch.zeros(len(before), dtype=torch.bool)
    touched[second.n_id] = True
    earlier = torch.zeros(len(before), dtype=torch.bool)
    earlier[first.n_id] = True
    return before, after, touched, earlier & ~touched


def test_a_minibatch_step_moves_only_the_rows_its_batch_touched():
    before, after, touched, only_first = _two_steps(
        lambda model, c: row_optimizers(model, c.lr, c.weight_decay))
    assert only_first.any()  # rows the first batch moved and the second did not reach
    assert torch.equal(before[~touched], after[~touched])
    assert (before[touched] != after[touched]).any(dim=1).float().mean() > 0.5


def test_dense_adam_would_move_rows_the_batch_never_reached():
    # What the row-wise optimisers fix (the old recipe): momentum and weight decay move every row.
    def dense(model, c):
        return [torch.optim.Adam(model.parameters(), lr=c.lr, weight_decay=c.weight_decay)]

    before, after, _, only_first = _two_steps(dense)
    assert not torch.equal(before[only_first], after[only_first])


def test_minibatch_training_leaves_the_tables_dense_for_what_follows():
    data, _ = planted()
    config = replace(FAST, epochs=1, minibatch="always", fanout=5, batch_size=128)
    result = train_model(data, config, progress=False)
    assert not result.model.user.sparse and not result.model.item.sparse
