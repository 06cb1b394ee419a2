"""The knowledge-graph model and the beyond-accuracy report, on tiny planted CPU graphs."""

from __future__ import annotations

from dataclasses import replace

import pytest
import torch
from test_gnn_model import FAST
from torch_geometric.data import HeteroData

from gnn.data import IdMap, Interactions, Knowledge
from gnn.kg_model import KnowledgeGraphRecommender, build_recommender
from gnn.model import GraphRecommender
from gnn.report_metrics import beyond_accuracy
from gnn.shop_graph import ShopGraph
from gnn.train import train_model
from gnn.warm_start import save_version, warm_start

COUNTRIES, ITEMS_PER, USERS_PER, NEW_PER = 3, 10, 24, 8


@pytest.fixture(autouse=True)
def one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def ids(prefix: str, n: int) -> IdMap:
    out = IdMap()
    for i in range(n):
        out.add(f"{prefix}{i}")
    return out


def country_shop() -> tuple[ShopGraph, Knowledge, Interactions, torch.Tensor]:
    """Shoppers of country c touch only group-c products; the last ``NEW_PER`` of each are new."""
    gen = torch.Generator().manual_seed(0)
    users, items = COUNTRIES * USERS_PER, COUNTRIES * ITEMS_PER
    country = torch.arange(users) % COUNTRIES
    new = torch.arange(users - COUNTRIES * NEW_PER, users)  # no interactions at all
    train = []
    for user in range(users - COUNTRIES * NEW_PER):
        group = int(country[user])
        for item in torch.randperm(ITEMS_PER, generator=gen)[:5]:
            train.append((user, group * ITEMS_PER + int(item)))
    data = HeteroData()
    for name, n in (("shopper", users), ("product", items), ("brand", 1), ("category", 1),
                    ("country", COUNTRIES)):
        data[name].num_nodes = n
    data["shopper", "lives_in", "country"].edge_index = torch.stack([torch.arange(users), country])
    data["product", "ships_to", "country"].edge_index = torch.stack(
        [torch.arange(items), torch.arange(items) // ITEMS_PER])
    for rel, dst in (("of_brand", "brand"), ("in_category", "category")):
        data["product", rel, dst].edge_index = torch.stack(
            [torch.arange(items), torch.zeros(items, dtype=torch.long)])
    data["category", "subcategory_of", "category"].edge_index = torch.zeros((2, 0), dtype=torch.long)
    graph = ShopGraph(data, {"shopper": ids("s", users), "product": ids("p", items),
                             "brand": ids("b", 1), "category": ids("c", 1),
                             "country": ids("k", COUNTRIES)})
    knowledge = Knowledge(1, 1, torch.zeros(items, dtype=torch.long), torch.arange(items),
                          torch.zeros(items, dtype=torch.long))
    interactions = Interactions(users, items, torch.tensor(train).T, torch.zeros((2, 0), dtype=torch.long))
    return graph, knowledge, interactions, new


def share_of_own_group(users: torch.Tensor, items: torch.Tensor, new: torch.Tensor) -> float:
    top = torch.topk(users[new] @ items.T, ITEMS_PER, dim=1).indices
    groups = top // ITEMS_PER
    return float((groups == (new % COUNTRIES).unsqueeze(1)).float().mean())


def test_a_new_shopper_gets_what_shoppers_of_its_country_like():
    graph, knowledge, data, new = country_shop()
    config = replace(FAST, epochs=20, eval_every=100)
    kg = train_model(data, config, model=KnowledgeGraphRecommender(graph, knowledge, 16, 2),
                     progress=False)
    assert share_of_own_group(*kg.embeddings(), new) > 0.9
    today = train_model(data, config, model=GraphRecommender(data.num_users, data.num_items, 16,
                                                             2, knowledge), progress=False)
    assert share_of_own_group(*today.embeddings(), new) < 0.6  # random vectors: about 1/3 each


def test_beyond_accuracy_figures_on_a_hand_made_ranking():
    # 2 shoppers, 4 products; scores rank products 3 > 2 > 1 > 0 for both.
    users = torch.ones(2, 1)
    items = torch.tensor([[0.0], [1.0], [2.0], [3.0]])
    train = torch.tensor([[0, 0, 1], [0, 1, 0]])  # product 0 touched twice, product 1 once
    test = torch.tensor([[0, 1], [2, 3]])
    report = beyond_accuracy(users, items, train, test, k=2,
                             shopper_country=torch.tensor([0, 1]), countries=["DE", "FR"],
                             ships_to=torch.tensor([[3, 2], [0, 1]]))
    # Shopper 0 (train 0, 1) gets [3, 2]; shopper 1 (train 0) gets [3, 2].
    assert report["coverage@2"] == pytest.approx(2 / 4)
    # Popularity percentiles: products 2 and 3 are untouched, sharing rank 2 of 4: 0.5 each.
    assert report["popularity_percentile@2"] == pytest.approx(0.5)
    assert report["novelty@2"] == pytest.approx(1.0)  # -log2(1/2): popularity floor 1 of 2 shoppers
    assert report["new_products"]["recall@2"] == pytest.approx(1.0)  # both held-out are new
    assert report["new_shoppers"] == {"test_edges": 0, "shoppers": 0}
    assert report["by_country"]["DE"]["ships_there_share"] == pytest.approx(0.5)  # 3 ships to DE
    assert report["by_country"]["FR"]["products_shipping_there"] == 1


def test_the_setting_picks_the_model_and_its_checkpoint_warm_starts(tmp_path):
    graph, knowledge, data, _ = country_shop()
    kg = build_recommender("kg_lightgcn", data.num_users, data.num_items, 8, 2, knowledge, graph)
    assert isinstance(kg, KnowledgeGraphRecommender)
    plain = build_recommender("knowledge_aware", data.num_users, data.num_items, 8, 2, knowledge,
                              graph)
    assert type(plain) is GraphRecommender
    with torch.no_grad():
        kg.user.weight.normal_()
    save_version(tmp_path / "v.pt", kg, graph.ids["shopper"], graph.ids["product"], knowledge)
    again = build_recommender("kg_lightgcn", data.num_users, data.num_items, 8, 2, knowledge, graph)
    copied = warm_start(again, tmp_path / "v.pt", graph.ids["shopper"], graph.ids["product"],
                        knowledge)
    assert copied >= data.num_users + data.num_items
    assert torch.equal(again.user.weight, kg.user.weight)
