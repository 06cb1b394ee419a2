"""Product pictures as an input of the recommender: read aligned from the real Neo4j, trained,
saved and warm-started through the refresh job, and a planted cold-start case on CPU tensors.

Graph ids are prefixed ``gnnimg-``; model versions the tests create are deleted afterwards.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
import torch
from gnn_support import load_tiny_shop
from test_gnn_model import FAST

from gnn.data import Interactions, Knowledge
from gnn.graph_reader import read_shop_graph
from gnn.model import GraphRecommender
from gnn.product_images import image_features
from gnn.refresh import refresh
from gnn.settings import GnnSettings
from gnn.train import train_model
from gnn.warm_start import warm_start
from gnn.writeback import model_versions
from graph.driver import run_auto, write
from statements import cypher_file

P = "gnnimg-"
DIM = 1280


@pytest.fixture(autouse=True)
def one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def look(seed: int) -> list[float]:
    return torch.rand(DIM, generator=torch.Generator().manual_seed(seed)).tolist()


# p1, p3 and p4 have pictures by image model m1; p5's is by m2 (the minority: left out).
LOOKS = {f"{P}p1": ("m1", 1), f"{P}p3": ("m1", 3), f"{P}p4": ("m1", 4), f"{P}p5": ("m2", 5)}


@pytest.fixture(scope="module")
def pictured_shop(driver, settings, tmp_path_factory):
    db = settings.neo4j_database
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix=P)
    before = {v["id"] for v in model_versions(driver, settings)}
    load_tiny_shop(driver, settings, tmp_path_factory.mktemp("gnn_images"), P, products=6,
                   shoppers=12)
    write(driver, cypher_file("gnn_test_product_looks"), db,
          rows=[{"id": pid, "model": model, "vector": look(seed)}
                for pid, (model, seed) in LOOKS.items()])
    yield
    ours = {v["id"] for v in model_versions(driver, settings)} - before
    write(driver, cypher_file("gnn_delete_model_versions"), db, ids=sorted(ours))
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix=P)


def test_the_reader_returns_look_vectors_aligned_with_product_ids(driver, settings, pictured_shop):
    paged = settings.model_copy(update={"batch_size": 2})  # several pages of pictured products
    snapshot = read_shop_graph(driver, paged, progress=False, id_prefix=P, images=True)
    graph = snapshot.graph
    assert graph is not None and graph.image_model == "m1"
    products = graph.data["product"]
    assert products.image.shape == (6, DIM)
    for row, pid in enumerate(graph.ids["product"].ids):
        model_seed = LOOKS.get(pid)
        if model_seed and model_seed[0] == "m1":
            assert bool(products.has_image[row]), pid
            assert torch.equal(products.image[row], torch.tensor(look(model_seed[1]))), pid
        else:  # no picture, or another image model's
            assert not bool(products.has_image[row]), pid
            assert not products.image[row].any(), pid
    features = snapshot.knowledge.item_image
    assert features is not None and snapshot.knowledge.image_model == "m1"
    assert torch.allclose(features[products.has_image].norm(dim=1), torch.ones(3))
    assert not features[~products.has_image].any()
    plain = read_shop_graph(driver, paged, progress=False, id_prefix=P)
    assert plain.knowledge.item_image is None and "image" not in plain.graph.data["product"]


def test_refresh_with_images_trains_saves_and_fine_tunes_the_projection(driver, settings,
                                                                      pictured_shop, tmp_path):
    gnn = GnnSettings(epochs=4, final_epochs=1, batch_size=16, negatives=4, k=5, device="cpu",
                      id_prefix=P, model_dir=tmp_path / "models", images=True, tolerance=1.0)
    first = refresh(driver, settings, gnn, fine_tune=False, force=True, progress=False)
    assert first.status == "activated", first
    state = torch.load(tmp_path / "models" / f"{first.version}.pt", weights_only=True)
    saved = state["model"]["image_projection.weight"]
    assert state["image_model"] == "m1"
    assert saved.shape == (settings.embedding_dim, DIM) and saved.abs().sum() > 0  # it learned
    # Warm start into a fresh model of the same shop: the projection carries over whole.
    snapshot = read_shop_graph(driver, settings, progress=False, id_prefix=P, images=True)
    model = GraphRecommender(len(snapshot.shoppers), len(snapshot.products),
                             settings.embedding_dim, 2, snapshot.knowledge)
    path = tmp_path / "models" / f"{first.version}.pt"
    copied = warm_start(model, path, snapshot.shoppers, snapshot.products, snapshot.knowledge)
    assert copied >= settings.embedding_dim and torch.equal(model.image_projection.weight, saved)
    # Another image model's projection means nothing here: it stays at its start (zero).
    other = replace(snapshot.knowledge, image_model="another-model")
    stranger = GraphRecommender(len(snapshot.shoppers), len(snapshot.products),
                                settings.embedding_dim, 2, other)
    warm_start(stranger, path, snapshot.shoppers, snapshot.products, other)
    assert not stranger.image_projection.weight.any()
    # And the refresh job itself fine-tunes from it with images still on.
    again = refresh(driver, settings, gnn, force=True, progress=False)
    assert again.warm_started_rows >= settings.embedding_dim + len(snapshot.products), again


LOOK_GROUPS, ITEMS_PER, USERS_PER = 2, 12, 40


def planted_looks() -> tuple[Interactions, Knowledge, int, int]:
    """Shoppers of look group g touch only group-g products (one brand, one category for all).

    Two more products are new (no interactions): one with a group-0 picture, one without.
    """
    gen = torch.Generator().manual_seed(0)
    warm = LOOK_GROUPS * ITEMS_PER
    pictured_new, bare_new = warm, warm + 1
    num_items = warm + 2
    raw = torch.rand(num_items, DIM, generator=gen) * 0.2  # non-negative, as EfficientNet's
    group = torch.arange(warm) // ITEMS_PER
    for g in range(LOOK_GROUPS):
        raw[:warm][group == g, g * 100:(g + 1) * 100] += 1.0
    raw[pictured_new, :100] += 1.0  # looks like group 0
    has_image = torch.ones(num_items, dtype=torch.bool)
    has_image[bare_new] = False
    raw[bare_new] = 0.0
    train = []
    for user in range(LOOK_GROUPS * USERS_PER):
        g = user % LOOK_GROUPS
        for item in torch.randperm(ITEMS_PER, generator=gen)[:5]:
            train.append((user, g * ITEMS_PER + int(item)))
    knowledge = Knowledge(1, 1, torch.zeros(num_items, dtype=torch.long), torch.arange(num_items),
                          torch.zeros(num_items, dtype=torch.long),
                          item_image=image_features(raw, has_image), image_model="planted")
    data = Interactions(LOOK_GROUPS * USERS_PER, num_items, torch.tensor(train).T,
                        torch.zeros((2, 0), dtype=torch.long))
    return data, knowledge, pictured_new, bare_new


def test_a_new_product_with_a_picture_lands_near_products_that_look_like_it():
    data, knowledge, pictured_new, bare_new = planted_looks()
    torch.manual_seed(0)
    model = GraphRecommender(data.num_users, data.num_items, 16, 2, knowledge)
    _, items = train_model(data, replace(FAST, epochs=30), model=model, progress=False).embeddings()
    look_alikes = items[:ITEMS_PER].mean(0)  # group 0, the pictured new product's look
    others = items[ITEMS_PER: 2 * ITEMS_PER].mean(0)
    assert float(items[pictured_new] @ look_alikes) > float(items[pictured_new] @ others)
    assert float(items[pictured_new] @ look_alikes) > float(items[bare_new] @ look_alikes) + 0.1
    # Shoppers who like that look rank it above the new product without a picture.
    users, _ = model.embeddings(model.adjacency(data.train))
    scores = users @ items[[pictured_new, bare_new]].T
    group0 = torch.arange(data.num_users) % LOOK_GROUPS == 0
    assert float((scores[group0, 0] > scores[group0, 1]).float().mean()) > 0.9
