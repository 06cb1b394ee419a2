"""The content-gated knowledge-graph model (``kg_content``) on tiny planted CPU graphs."""

from __future__ import annotations

from dataclasses import replace

import pytest
import torch
from test_gnn_kg_model import country_shop, ids, share_of_own_group
from test_gnn_model import FAST
from torch_geometric.data import HeteroData

from gnn.cold_start import served_users
from gnn.data import Interactions, Knowledge
from gnn.kg_content import ContentGatedKGRecommender, price_bands
from gnn.kg_model import KnowledgeGraphRecommender, build_recommender
from gnn.model import GraphRecommender
from gnn.shop_graph import ShopGraph
from gnn.train import train_model
from gnn.warm_start import save_version, warm_start

CATEGORIES, PER_CATEGORY, SHOPPERS = 2, 20, 40


@pytest.fixture(autouse=True)
def one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def band_shop() -> tuple[ShopGraph, Knowledge, Interactions, torch.Tensor]:
    """One brand, two categories of 20 products priced 1..20; half the shoppers buy only the
    cheaper half of each category, half only the dearer half. Products 0, 5, 10, 15 of each
    category (one per price band) have no interactions: they are the new products."""
    gen = torch.Generator().manual_seed(0)
    items = CATEGORIES * PER_CATEGORY
    position = torch.arange(items) % PER_CATEGORY
    new = torch.nonzero(position % 5 == 0).squeeze(1)
    train = []
    for user in range(SHOPPERS):
        dear = user % 2
        liked = [i for i in range(items) if int(position[i]) % 5
                 and (int(position[i]) >= PER_CATEGORY // 2) == bool(dear)]
        for pick in torch.randperm(len(liked), generator=gen)[:6].tolist():
            train.append((user, liked[pick]))
    data = HeteroData()
    for name, n in (("shopper", SHOPPERS), ("product", items), ("brand", 1),
                    ("category", CATEGORIES), ("country", 1)):
        data[name].num_nodes = n
    data["product"].price = (position + 1).float()
    data["shopper", "lives_in", "country"].edge_index = torch.stack(
        [torch.arange(SHOPPERS), torch.zeros(SHOPPERS, dtype=torch.long)])
    data["product", "ships_to", "country"].edge_index = torch.stack(
        [torch.arange(items), torch.zeros(items, dtype=torch.long)])
    data["product", "of_brand", "brand"].edge_index = torch.stack(
        [torch.arange(items), torch.zeros(items, dtype=torch.long)])
    data["product", "in_category", "category"].edge_index = torch.stack(
        [torch.arange(items), torch.arange(items) // PER_CATEGORY])
    data["category", "subcategory_of", "category"].edge_index = torch.zeros((2, 0), dtype=torch.long)
    graph = ShopGraph(data, {"shopper": ids("s", SHOPPERS), "product": ids("p", items),
                             "brand": ids("b", 1), "category": ids("c", CATEGORIES),
                             "country": ids("k", 1)})
    knowledge = Knowledge(1, CATEGORIES, torch.zeros(items, dtype=torch.long), torch.arange(items),
                          torch.arange(items) // PER_CATEGORY)
    interactions = Interactions(SHOPPERS, items, torch.tensor(train).T,
                                torch.zeros((2, 0), dtype=torch.long))
    return graph, knowledge, interactions, new


def share_in_own_price_half(users: torch.Tensor, items: torch.Tensor, new: torch.Tensor) -> float:
    """Of each shopper's 4 best-scored new products, the share in the half it buys from."""
    top = new[torch.topk(users @ items[new].T, 4, dim=1).indices]
    dear = (top % PER_CATEGORY) >= PER_CATEGORY // 2
    wants_dear = (torch.arange(users.size(0)) % 2 == 1).unsqueeze(1)
    return float((dear == wants_dear).float().mean())


def test_price_bands_rank_prices_within_each_category():
    graph, *_ = band_shop()
    graph.data["product"].price[3] = float("nan")  # a product with no price
    bands = price_bands(graph, bands=4)
    assert bands[3] == 4  # the "no price" band
    # Category 0 has 19 priced products (1..20 without 4): 0-4 in band 0, 19 in band 3.
    assert bands[0] == 0 and bands[19] == 3
    # Category 1 ranks on its own: its cheapest is band 0 although dearer than category 0's.
    assert bands[PER_CATEGORY] == 0 and bands[2 * PER_CATEGORY - 1] == 3
    assert torch.bincount(bands[PER_CATEGORY:], minlength=5).tolist() == [5, 5, 5, 5, 0]


def test_a_new_product_reaches_the_shoppers_of_its_price_band():
    # New products differ only by price: the content path learns which band a shopper buys in.
    graph, knowledge, data, new = band_shop()
    config = replace(FAST, epochs=40, eval_every=100)
    content = train_model(data, config, progress=False,
                          model=ContentGatedKGRecommender(graph, knowledge, 16, 2))
    assert share_in_own_price_half(*content.embeddings(), new) > 0.9
    # Today's model and the KG LightGCN know nothing of prices: a coin toss at best.
    for model in (GraphRecommender(data.num_users, data.num_items, 16, 2, knowledge),
                  KnowledgeGraphRecommender(graph, knowledge, 16, 2)):
        trained = train_model(data, config, model=model, progress=False)
        assert share_in_own_price_half(*trained.embeddings(), new) < 0.75, type(model).__name__


def test_a_new_shopper_gets_its_countrys_learned_taste():
    graph, knowledge, data, new = country_shop()
    config = replace(FAST, epochs=20, eval_every=100)
    result = train_model(data, config, progress=False,
                         model=ContentGatedKGRecommender(graph, knowledge, 16, 2))
    users, items = result.embeddings()
    assert share_of_own_group(users, items, new) > 0.9
    served, tastes = served_users(result.model, users, data.train, graph)
    assert torch.equal(served, users)  # the gate already served the country's taste
    for user in new.tolist():
        code = graph.ids["country"].ids[user % 3]
        assert torch.allclose(users[user], torch.tensor(tastes[code]), atol=1e-6)
    assert set(tastes) == {*graph.ids["country"].ids, "*"}
    # A country none of whose shoppers has history never trained its taste: it is served the
    # mean of the trained ones ('*'), not its random start.
    others = data.train[:, data.train[0] % 3 != 0]
    tastes = result.model.country_tastes(graph.ids["country"].ids, others)
    assert set(tastes) == {*graph.ids["country"].ids[1:], "*"}
    users, _ = result.model.embeddings(result.model.adjacency(others))
    assert torch.allclose(users[0], torch.tensor(tastes["*"]), atol=1e-6)


def test_id_dropout_happens_in_training_only_and_the_gate_follows_the_graph():
    graph, knowledge, data, new = country_shop()
    model = ContentGatedKGRecommender(graph, knowledge, 8, 2, item_dropout=0.5, user_dropout=0.5)
    with torch.no_grad():
        model.user.weight.normal_()
        model.item.weight.normal_()
    adj = model.adjacency(data.train)
    propagated_users, propagated_items = KnowledgeGraphRecommender.forward(model, adj)
    content_users, content_items = model.shopper_content(), model.item_content()
    warm_user = torch.zeros(data.num_users, dtype=torch.bool)
    warm_user[data.train[0]] = True
    assert not bool(warm_user[new].any())

    model.eval()
    with torch.no_grad():
        users, items = model(adj)
        again_users, _ = model(adj)
    assert torch.equal(users, again_users)  # nothing random when serving
    assert torch.equal(users[warm_user], propagated_users[warm_user])
    assert torch.equal(users[new], content_users[new])
    assert torch.equal(items, propagated_items)  # every product has an interaction here

    model.train()
    torch.manual_seed(1)
    with torch.no_grad():
        users, items = model(adj)
    dropped = ~(users == propagated_users).all(1) & warm_user
    assert 0.3 < float(dropped.float().sum() / warm_user.sum()) < 0.7
    assert torch.equal(users[dropped], content_users[dropped])
    dropped_items = ~(items == propagated_items).all(1)
    assert torch.equal(items[dropped_items], content_items[dropped_items])
    assert 0.3 < float(dropped_items.float().mean()) < 0.7
    # What is served is never a dropout draw, whatever mode the model was left in.
    served = model.embeddings(adj)
    assert model.training
    model.eval()
    assert all(torch.equal(a, b) for a, b in zip(served, model.embeddings(adj), strict=True))


def test_the_setting_builds_the_content_model():
    graph, knowledge, data, _ = country_shop()
    model = build_recommender("kg_content", data.num_users, data.num_items, 8, 2, knowledge, graph)
    assert isinstance(model, ContentGatedKGRecommender) and model.model_name == "kg_content"
    fallback = build_recommender("kg_content", data.num_users, data.num_items, 8, 2, knowledge,
                                 None)
    assert type(fallback) is GraphRecommender and fallback.model_name == "knowledge_aware"
    # A shop trained in mini-batches gets the model that supports them, not a failed refresh.
    sampled = build_recommender("kg_content", data.num_users, data.num_items, 8, 2, knowledge,
                                graph, minibatch=True)
    assert type(sampled) is GraphRecommender


def test_fine_tuning_carries_the_content_path_and_country_rows_over(tmp_path):
    # The incremental refresh learns only what arrived since the active version: a content path
    # that restarted from random rows would learn brands, categories and countries from those
    # few pairs alone.
    graph, knowledge, data, _ = country_shop()
    trained = build_recommender("kg_content", data.num_users, data.num_items, 8, 2, knowledge,
                                graph)
    assert isinstance(trained, ContentGatedKGRecommender)
    with torch.no_grad():
        for table in (trained.content_brand, trained.content_category, trained.content_country,
                      trained.content_band, trained.country_taste, trained.country):
            table.weight.normal_(mean=3.0)
    save_version(tmp_path / "v.pt", trained, graph.ids["shopper"], graph.ids["product"],
                 knowledge, graph.ids["country"])
    again = build_recommender("kg_content", data.num_users, data.num_items, 8, 2, knowledge,
                              graph)
    assert isinstance(again, ContentGatedKGRecommender)
    warm_start(again, tmp_path / "v.pt", graph.ids["shopper"], graph.ids["product"], knowledge,
               graph.ids["country"])
    countries = len(graph.ids["country"].ids)
    assert torch.equal(again.content_band.weight, trained.content_band.weight)
    assert torch.equal(again.content_country.weight, trained.content_country.weight)
    assert torch.equal(again.country.weight[:countries], trained.country.weight[:countries])
    assert torch.equal(again.country_taste.weight[:countries],
                       trained.country_taste.weight[:countries])


def test_a_new_products_picture_enters_its_content_vector():
    # Two untouched products with the same brand, category, countries and price band differ only
    # by their pictures; with the look input on, their content vectors (what serves them) differ.
    graph, knowledge, _, new = band_shop()
    looks = torch.zeros(knowledge.item_brand.numel(), 6)
    looks[int(new[0]), 0] = 1.0
    model = ContentGatedKGRecommender(graph, replace(knowledge, item_image=looks, image_model="m"),
                                      dim=8)
    with torch.no_grad():
        model.image_projection.weight.normal_()
    content = model.item_content()
    band = int(model.item_band[int(new[0])])
    same_facts = [i for i in range(PER_CATEGORY) if int(model.item_band[i]) == band and i != int(new[0])]
    assert same_facts
    other = same_facts[0]
    base = ContentGatedKGRecommender(graph, knowledge, dim=8)
    base.load_state_dict({k: v for k, v in model.state_dict().items()
                          if not k.startswith("image_projection")})
    plain = base.item_content()
    assert torch.allclose(plain[int(new[0])], plain[other])  # same facts, same content
    assert not torch.allclose(content[int(new[0])], content[other])  # the picture tells them apart
