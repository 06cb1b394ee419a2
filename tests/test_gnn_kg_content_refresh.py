"""The refresh job with ``BORDERLESS_GNN_MODEL=kg_content`` on a tiny shop in the real Neo4j.

It must serve the chosen model's own vectors (the content path for a product nobody touched, the
learned country taste for a shopper with no history) and say on the ``ModelVersion`` node which
model made them. Graph ids are prefixed ``gnncontent-``; the versions made here are deleted.
"""

from __future__ import annotations

import json

import pytest
import torch
from gnn_support import write_tiny_shop
from torch.nn.functional import normalize

from gnn.checkpoint import load_checkpoint
from gnn.data import IdMap
from gnn.graph_reader import read_shop_graph
from gnn.kg_model import build_recommender
from gnn.refresh import refresh
from gnn.settings import GnnSettings
from gnn.writeback import model_versions, served_vectors
from graph.driver import run_auto, write
from loaders.catalog import load_catalog
from statements import cypher_file

P = "gnncontent-"
PRODUCTS, SHOPPERS = 12, 8  # shopper n touches products n and n+1: products 9-11 stay untouched
NEW_SHOPPER = f"{P}s-new"


@pytest.fixture(scope="module")
def shop(driver, settings, tmp_path_factory):
    db = settings.neo4j_database
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix=P)
    before = {v["id"] for v in model_versions(driver, settings)}
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    folder = tmp_path_factory.mktemp("gnn_content")
    write_tiny_shop(folder, P, PRODUCTS, SHOPPERS)
    with (folder / "shoppers.jsonl").open("a") as f:  # signed up, nothing done yet
        f.write(json.dumps({"id": NEW_SHOPPER, "country": "DE", "language": "en",
                            "currency": "EUR"}) + "\n")
    assert load_catalog(driver, settings, folder, folder / "q.jsonl", progress=False).quarantined == 0
    yield tmp_path_factory.mktemp("gnn_content_models")
    torch.set_num_threads(threads)
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix=P)
    ours = {v["id"] for v in model_versions(driver, settings)} - before
    write(driver, cypher_file("gnn_delete_model_versions"), db, ids=sorted(ours))


def test_refresh_serves_the_content_models_vectors_and_names_the_model(driver, settings, shop):
    gnn = GnnSettings(model="kg_content", epochs=4, final_epochs=2, batch_size=8, negatives=4,
                      k=5, device="cpu", id_prefix=P, model_dir=shop)
    outcome = refresh(driver, settings, gnn, fine_tune=False, progress=False)
    assert outcome.status == "activated", outcome
    assert outcome.model == "kg_content"
    (ours,) = [v for v in model_versions(driver, settings) if v["id"] == outcome.version]
    assert ours["model"] == "kg_content"

    # Rebuild the served model from its checkpoint and the same graph: the vectors in Neo4j are
    # its gated ones, not an untrained ID vector nor the mean of warm shoppers.
    snapshot = read_shop_graph(driver, settings, progress=False, id_prefix=P)
    model = build_recommender("kg_content", len(snapshot.shoppers), len(snapshot.products),
                              settings.embedding_dim, gnn.layers, snapshot.knowledge,
                              snapshot.graph)
    state = load_checkpoint(shop / f"{outcome.version}.pt")
    assert state is not None
    model.load_state_dict(state["model"])
    cold = IdMap()
    for j in range(SHOPPERS + 1, PRODUCTS):
        cold.add(f"{P}p{j}")
    served, version = served_vectors(driver, settings, "Product", cold, settings.embedding_dim,
                                     outcome.version)
    assert version == outcome.version
    content = normalize(model.item_content().detach(), dim=1)
    rows = torch.tensor([snapshot.products.index[pid] for pid in cold.ids])
    assert torch.allclose(served, content[rows], atol=1e-5)

    newcomer = IdMap()
    newcomer.add(NEW_SHOPPER)
    served, _ = served_vectors(driver, settings, "Shopper", newcomer, settings.embedding_dim,
                               outcome.version)
    taste = normalize(model.shopper_content().detach(), dim=1)
    assert torch.allclose(served[0], taste[snapshot.shoppers.index[NEW_SHOPPER]], atol=1e-5)
