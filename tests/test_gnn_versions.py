"""Model versions per shop: two shops side by side in one database, stale vectors, and answers
whose ``modelVersion`` always names the version of the vectors they were ranked by."""

from __future__ import annotations

import threading

import pytest
import torch
from api_support import api_settings, data, gql, manager  # noqa: F401
from fastapi.testclient import TestClient
from gnn_support import load_tiny_shop, one_hot, serve

from api.app import create_app
from gnn.data import IdMap
from gnn.writeback import (
    LABELS, activate, model_versions, record_version, stage_country_tastes, stage_embeddings,
)
from graph.driver import read, run_auto, write
from statements import cypher_file

WIDE = "gnnv-"  # a shop that contains the three below
A, B, SWAP = f"{WIDE}a-", f"{WIDE}b-", f"{WIDE}s-"
RECS = """query R($user: ID!) { recommendations(userId: $user, first: 3) {
  modelVersion { id } items { score product { id } } } }"""


@pytest.fixture(scope="module")
def shops(driver, settings, tmp_path_factory):
    db = settings.neo4j_database
    for prefix in (A, B, SWAP):
        run_auto(driver, cypher_file("delete_id_prefix"), db, prefix=prefix)
    before = {v["id"] for v in model_versions(driver, settings)}
    folder = tmp_path_factory.mktemp("gnn_versions")
    for prefix in (A, B, SWAP):
        load_tiny_shop(driver, settings, folder / prefix, prefix, products=3, shoppers=1,
                       interactions=False)
    yield
    ours = {v["id"] for v in model_versions(driver, settings)} - before
    write(driver, cypher_file("gnn_delete_model_versions"), db, ids=sorted(ours))
    for prefix in (A, B, SWAP):
        run_auto(driver, cypher_file("delete_id_prefix"), db, prefix=prefix)


def active_for(driver, settings, node_id: str) -> str | None:
    rows = read(driver, "queries/active_model_for_id", settings.neo4j_database, id=node_id)
    return rows[0]["id"] if rows else None


def recommend(driver, settings, shopper: str) -> list[dict]:
    return read(driver, "manager/recommendations_for_shopper", settings.neo4j_database,
                shopper_id=shopper, k=10)


def similar(driver, settings, product: str) -> list[dict]:
    return read(driver, "manager/similar_products", settings.neo4j_database,
                product_id=product, k=10)


def shop_vectors(settings, prefix: str, favourite: int) -> dict[str, list[float]]:
    """The shopper's vector equals product ``favourite``'s; the other products are orthogonal."""
    vectors = {f"{prefix}p{j}": one_hot(settings, j) for j in range(3)}
    vectors[f"{prefix}s0"] = one_hot(settings, favourite)
    return vectors


def test_activating_one_shop_leaves_the_other_shops_serving_intact(driver, settings, shops):
    serve(driver, settings, "mv-gnnv-a-1", A, shop_vectors(settings, A, 0))
    serve(driver, settings, "mv-gnnv-b-1", B, shop_vectors(settings, B, 1))
    serve(driver, settings, "mv-gnnv-a-2", A, shop_vectors(settings, A, 2))

    status = {v["id"]: (v["shop"], v["status"]) for v in model_versions(driver, settings)}
    assert status["mv-gnnv-a-1"] == (A, "retired")
    assert status["mv-gnnv-a-2"] == (A, "active")
    assert status["mv-gnnv-b-1"] == (B, "active")  # shop A's activation did not retire it
    assert active_for(driver, settings, f"{A}s0") == "mv-gnnv-a-2"
    assert active_for(driver, settings, f"{B}s0") == "mv-gnnv-b-1"

    rows_b = recommend(driver, settings, f"{B}s0")
    assert rows_b[0]["product_id"] == f"{B}p1" and rows_b[0]["score"] == pytest.approx(1.0)
    assert {r["model_id"] for r in rows_b} == {"mv-gnnv-b-1"}
    assert all(r["product_id"].startswith(B) for r in rows_b)
    rows_a = recommend(driver, settings, f"{A}s0")
    assert rows_a[0]["product_id"] == f"{A}p2"
    assert {r["model_id"] for r in rows_a} == {"mv-gnnv-a-2"}
    assert all(r["product_id"].startswith(A) for r in rows_a)  # never the other shop's vectors
    assert {r["product_id"] for r in similar(driver, settings, f"{B}p0")} <= \
        {f"{B}p1", f"{B}p2"}


def test_a_wider_shop_leaves_narrower_shops_with_their_own_versions_alone(driver, settings,
                                                                          shops):
    serve(driver, settings, "mv-gnnv-a-4", A, shop_vectors(settings, A, 1))
    # A whole-graph-like run over the wider prefix stages vectors on the narrower shops' nodes too.
    wide = {**shop_vectors(settings, A, 2), **shop_vectors(settings, B, 2)}
    serve(driver, settings, "mv-gnnv-wide-1", WIDE, wide)
    assert active_for(driver, settings, f"{A}s0") == "mv-gnnv-a-4"
    assert active_for(driver, settings, f"{WIDE}x-s0") == "mv-gnnv-wide-1"
    rows = recommend(driver, settings, f"{A}s0")
    assert rows[0]["product_id"] == f"{A}p1" and {r["model_id"] for r in rows} == {"mv-gnnv-a-4"}
    status = {v["id"]: v["status"] for v in model_versions(driver, settings)}
    assert status["mv-gnnv-a-4"] == "active" and status["mv-gnnv-wide-1"] == "active"


def test_a_stale_vector_is_never_served(driver, settings, shops):
    serve(driver, settings, "mv-gnnv-a-3", A, shop_vectors(settings, A, 0))
    db = settings.neo4j_database
    # Leftovers a crash or an older release could leave: a vector of a retired version that
    # would beat every served one, and one with no version at all.
    write(driver, cypher_file("gnn_test_stale_vector"), db, id=f"{A}p1",
          vector=one_hot(settings, 0), version="mv-gnnv-a-1")
    write(driver, cypher_file("gnn_test_stale_vector"), db, id=f"{A}p2",
          vector=one_hot(settings, 0), version=None)
    rows = recommend(driver, settings, f"{A}s0")
    assert [r["product_id"] for r in rows] == [f"{A}p0"]
    assert {r["model_id"] for r in rows} == {"mv-gnnv-a-3"}
    assert similar(driver, settings, f"{A}p0") == []  # its only close neighbours are stale
    # A shopper whose own vector is stale gets nothing rather than a ranking by an old model.
    write(driver, cypher_file("gnn_test_stale_vector"), db, id=f"{A}s0",
          vector=one_hot(settings, 0), version="mv-gnnv-a-1")
    assert recommend(driver, settings, f"{A}s0") == []


def test_a_reader_that_picked_the_retired_version_still_gets_its_whole_ranking(
        driver, settings, shops):
    # The state a reader sees when an activation commits between its read of the active version
    # and its reads of the vectors: the flags still name the old version, the vectors are the
    # new one's. The old version's ranking must come whole (it used to lose every product whose
    # vector had been replaced, the favourite first), never mixed with the new version's vectors.
    db = settings.neo4j_database
    serve(driver, settings, "mv-gnnv-s-0-100", SWAP, shop_vectors(settings, SWAP, 0))
    staged = "mv-gnnv-s-1-101"
    record_version(driver, settings, staged, status="staged", metrics={}, snapshot={},
                   dim=settings.embedding_dim, shop=SWAP)
    for label, marker in (("Shopper", "s"), ("Product", "p")):
        ids = IdMap()
        rows = []
        for node_id, vector in shop_vectors(settings, SWAP, 1).items():
            if node_id.rsplit("-", 1)[1].startswith(marker):
                ids.add(node_id)
                rows.append(vector)
        stage_embeddings(driver, settings, staged, label, ids, torch.tensor(rows),
                         progress=False)
        write(driver, LABELS[label][1], db, version=staged, shop=SWAP)  # vectors, not the flags
    rows = recommend(driver, settings, f"{SWAP}s0")
    assert {r["model_id"] for r in rows} == {"mv-gnnv-s-0-100"}
    assert (rows[0]["product_id"], round(rows[0]["score"], 6)) == (f"{SWAP}p0", 1.0)
    assert len(rows) == 3  # every product of the shop, none dropped
    assert {r["model_id"] for r in similar(driver, settings, f"{SWAP}p0")} <= {"mv-gnnv-s-0-100"}
    serve(driver, settings, "mv-gnnv-s-0-102", SWAP, shop_vectors(settings, SWAP, 0))  # tidy


def test_the_retired_versions_country_tastes_stay_one_activation(driver, settings, shops):
    db = settings.neo4j_database
    tastes = {"DE": one_hot(settings, 0), "*": one_hot(settings, 1)}
    versions = [f"mv-gnnv-b-{n}" for n in (200, 201, 202)]
    for version in versions:
        record_version(driver, settings, version, status="staged", metrics={}, snapshot={},
                       dim=settings.embedding_dim, shop=B)
        stage_country_tastes(driver, settings, version, tastes)
        activate(driver, settings, version)
    kept = {v: read(driver, cypher_file("gnn_country_tastes"), db, version=v)[0]["countries"]
            for v in versions}
    assert kept[versions[0]] == []  # two activations ago: dropped
    assert set(kept[versions[1]]) == set(kept[versions[2]]) == {"DE", "*"}


def test_model_version_and_vectors_agree_while_versions_swap(driver, settings, shops,
                                                             api_settings):
    """Answers during a stream of activations: each names the version its ranking came from."""
    favourite = {0: f"{SWAP}p0", 1: f"{SWAP}p1"}
    serve(driver, settings, "mv-gnnv-s-0-0", SWAP, shop_vectors(settings, SWAP, 0))
    stop = threading.Event()
    swaps: list[str] = []
    failures: list[BaseException] = []

    def swap_forever() -> None:
        try:
            while not stop.is_set():
                parity = len(swaps) % 2 if swaps else 1
                version = f"mv-gnnv-s-{parity}-{len(swaps) + 1}"
                serve(driver, settings, version, SWAP, shop_vectors(settings, SWAP, parity))
                swaps.append(version)
        except BaseException as e:  # surfaced below: a broken swapper must fail the test
            failures.append(e)

    answers = []
    swapper = threading.Thread(target=swap_forever, daemon=True)
    with TestClient(create_app(settings, api_settings)) as client:
        swapper.start()
        try:
            for _ in range(120):
                answers.append(data(gql(client, RECS, {"user": f"{SWAP}s0"},
                                        headers=manager()))["recommendations"])
        finally:
            stop.set()
            swapper.join(timeout=60)
    assert not failures, failures
    assert len(swaps) >= 3, swaps  # the reads really ran across swaps
    ranked = [a for a in answers if a["items"]]
    assert len(ranked) >= len(answers) // 2  # mostly full answers, not a vacuous pass
    seen = set()
    for answer in ranked:
        version = answer["modelVersion"]["id"]
        parity = int(version.split("-")[3])
        seen.add(parity)
        top = answer["items"][0]
        assert (top["product"]["id"], round(top["score"], 6)) == (favourite[parity], 1.0), answer
    assert seen == {0, 1}
