"""Recommendations on a small planted-taste shop in the real Neo4j (ids prefixed ``gnntest-``).

Four brands, each with its own leaf category and ten products; shoppers of group g only touch
group g's products. One product of brand 0 has no interactions at all (cold start). Some products
do not ship to France and some are restricted in Germany.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, UTC
from pathlib import Path

import pytest
import torch
from neo4j import Driver

from borderless.settings import Settings
from gnn.data import IdMap
from gnn.refresh import refresh
from gnn.settings import GnnSettings
from gnn.writeback import (
    activate, model_versions, record_version, served_vectors, stage_embeddings,
)
from graph.driver import read, run_auto, write
from loaders.catalog import load_catalog
from statements import cypher_file

P = "gnntest-"
GROUPS, PER_GROUP, SHOPPERS = 4, 10, 48
COLD = f"{P}p0-cold"


def product(g: int, j: int) -> str:
    return f"{P}p{g}-{j}"


def ships_to(pid: str) -> set[str]:
    """Every product ships to DE; only even-numbered ones (and the cold one) to FR."""
    return {"DE", "FR"} if pid == COLD or int(pid.rsplit("-", 1)[1]) % 2 == 0 else {"DE"}


def restricted_in(pid: str) -> set[str]:
    return {"DE"} if pid.endswith("-3") else set()


def shopper_country(n: int) -> str:
    return "DE" if n % 2 == 0 else "FR"


def write_shop(folder: Path) -> dict[str, list[dict]]:
    rnd = random.Random(3)
    start = datetime(2026, 9, 1, tzinfo=UTC)
    products = [product(g, j) for g in range(GROUPS) for j in range(PER_GROUP)] + [COLD]
    group_of = {pid: 0 if pid == COLD else int(pid[len(P) + 1]) for pid in products}
    interactions = []
    for n in range(SHOPPERS):
        for j in rnd.sample(range(PER_GROUP), 6):
            interactions.append({
                "shopper_id": f"{P}s{n}", "product_id": product(n % GROUPS, j),
                "kind": rnd.choice(["view", "view", "cart", "purchase"]),
                "at": (start + timedelta(hours=rnd.randrange(60 * 24))).isoformat()})
    files = {
        "countries": [{"code": "DE", "name": "Germany", "currency": "EUR", "languages": ["de"]},
                      {"code": "FR", "name": "France", "currency": "EUR", "languages": ["fr"]}],
        "brands": [{"id": f"{P}b{g}", "name": f"Brand {g}"} for g in range(GROUPS)],
        "categories": [{"id": f"{P}root", "names": {"en": "Test root"}}]
        + [{"id": f"{P}mid{m}", "parent_id": f"{P}root", "names": {"en": f"Mid {m}"}} for m in (0, 1)]
        + [{"id": f"{P}c{g}", "parent_id": f"{P}mid{g // 2}", "names": {"en": f"Leaf {g}"}}
           for g in range(GROUPS)],
        "products": [{"id": pid, "brand_id": f"{P}b{group_of[pid]}",
                      "category_id": f"{P}c{group_of[pid]}", "price": 10.0, "currency": "EUR",
                      "titles": {"en": f"Thing {pid}"}} for pid in products],
        "shipping": [{"product_id": pid, "country": c, "days": 3, "cost": 1.0}
                     for pid in products for c in sorted(ships_to(pid))],
        "restrictions": [{"product_id": pid, "country": c, "reason": "test rule"}
                         for pid in products for c in sorted(restricted_in(pid))],
        "shoppers": [{"id": f"{P}s{n}", "country": shopper_country(n), "language": "en",
                      "currency": "EUR"} for n in range(SHOPPERS)],
        "interactions": interactions,
    }
    for name, rows in files.items():
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return files


def add_fresh_interactions(driver: Driver, settings: Settings, folder: Path, round_: int) -> None:
    """Each shopper touches two more products of its group, later than anything before."""
    rnd = random.Random(100 + round_)
    start = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(days=10 * round_)
    rows = [{"shopper_id": f"{P}s{n}", "product_id": product(n % GROUPS, j), "kind": "view",
             "at": (start + timedelta(hours=rnd.randrange(24 * 5))).isoformat()}
            for n in range(SHOPPERS) for j in rnd.sample(range(PER_GROUP), 2)]
    folder.mkdir()
    (folder / "interactions.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert load_catalog(driver, settings, folder, folder / "q.jsonl", progress=False).quarantined == 0


def wipe(driver: Driver, settings: Settings, versions: set[str]) -> None:
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=P)
    write(driver, cypher_file("gnn_delete_model_versions"), settings.neo4j_database, ids=sorted(versions))


@pytest.fixture(scope="module")
def shop(driver, settings, tmp_path_factory):
    before = {v["id"] for v in model_versions(driver, settings)}
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=P)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny tensors: OpenMP hand-offs cost more than they give
    folder = tmp_path_factory.mktemp("gnn_shop")
    files = write_shop(folder)
    report = load_catalog(driver, settings, folder, folder / "q.jsonl", progress=False)
    assert report.quarantined == 0
    yield files
    torch.set_num_threads(threads)
    wipe(driver, settings, {v["id"] for v in model_versions(driver, settings)} - before)


@pytest.fixture(scope="module")
def gnn_settings(tmp_path_factory) -> GnnSettings:
    return GnnSettings(epochs=40, final_epochs=5, batch_size=256, negatives=32, lr=0.02,
                       temperature=0.2, k=10, device="cpu", id_prefix=P,
                       model_dir=tmp_path_factory.mktemp("models"))


def my_ids(label_ids: list[str]) -> IdMap:
    ids = IdMap()
    for node_id in label_ids:
        ids.add(node_id)
    return ids


def test_write_back_round_trip_returns_the_same_vectors(driver, settings, shop):
    products = my_ids([p["id"] for p in shop["products"]])
    vectors = torch.nn.functional.normalize(torch.randn(len(products), settings.embedding_dim), dim=1)
    record_version(driver, settings, "mv-gnntest-roundtrip", status="staged", metrics={},
                   snapshot={"products": len(products)}, dim=settings.embedding_dim, shop=P)
    stage_embeddings(driver, settings, "mv-gnntest-roundtrip", "Product", products, vectors,
                     progress=False)
    before, _ = served_vectors(driver, settings, "Product", products, settings.embedding_dim,
                               "mv-gnntest-roundtrip")
    assert not before.abs().sum(1).bool().any()  # staged vectors are not served yet
    activate(driver, settings, "mv-gnntest-roundtrip")
    after, version = served_vectors(driver, settings, "Product", products, settings.embedding_dim,
                                    "mv-gnntest-roundtrip")
    assert version == "mv-gnntest-roundtrip"
    assert torch.equal(after, vectors)  # float32 -> Neo4j float64 -> float32 is exact
    assert active_id(driver, settings) == "mv-gnntest-roundtrip"


@pytest.fixture(scope="module")
def activated(driver, settings, shop, gnn_settings):
    outcome = refresh(driver, settings, gnn_settings, fine_tune=False, progress=False)
    assert outcome.status == "activated", outcome
    return outcome


def active_id(driver, settings) -> str:
    """The active version serving this test's shop."""
    (active,) = read(driver, "queries/active_model_for_id", settings.neo4j_database, id=P)
    return active["id"]


def recommend(driver, settings, shopper: str, k: int = 10) -> list[dict]:
    return read(driver, "manager/recommendations_for_shopper", settings.neo4j_database,
                shopper_id=shopper, k=k)


def test_refresh_serves_the_new_version(driver, settings, activated):
    (active,) = read(driver, "queries/active_model_for_id", settings.neo4j_database, id=P)
    assert active["id"] == activated.version
    assert json.loads(active["metrics"])["recall@10"] == pytest.approx(activated.metrics["recall@10"])
    assert activated.metrics["recall@10"] > 0.5  # planted tastes: random would be about 0.25
    assert activated.metrics["recall@10"] > activated.metrics["popularity_recall@10"]
    assert Path(activated.curve).is_file()  # the learning curve of the run
    assert activated.best_epoch is not None  # chosen by the validation slice, not the last epoch
    # The final fit over every edge chooses too, on held-out edges the candidate never trained on.
    assert activated.final_best_epoch is not None
    stored = json.loads(active["metrics"])
    # A small shop is judged on every validation shopper, and the node says how many.
    assert stored["validation_shoppers"] == stored["validation_shoppers_of"] > 0
    report = stored["report"]  # on the ModelVersion node, as in --json
    assert 0 < report["coverage@10"] <= 1 and 0 < report["popularity_percentile@10"] <= 1
    assert report["novelty@10"] > 0
    by_country = report["by_country"]
    assert set(by_country) >= {"DE", "FR"}
    assert by_country["DE"]["ships_there_share"] == 1.0  # everything ships to DE
    assert by_country["FR"]["ships_there_share"] < 1.0  # odd-numbered products do not ship to FR
    assert by_country["FR"]["products_shipping_there"] == GROUPS * PER_GROUP // 2 + 1


def test_recommendations_only_ship_to_the_shoppers_country(driver, settings, shop, activated):
    bought = {(i["shopper_id"], i["product_id"]) for i in shop["interactions"]
              if i["kind"] == "purchase"}
    for n in range(SHOPPERS):
        shopper, country = f"{P}s{n}", shopper_country(n)
        rows = recommend(driver, settings, shopper, k=15)
        assert rows, shopper
        for row in rows:
            pid = row["product_id"]
            assert country in ships_to(pid) and country not in restricted_in(pid), (shopper, pid)
            assert (shopper, pid) not in bought
            assert row["explanation"]
        assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


def test_cold_product_is_recommended_through_brand_and_category(driver, settings, activated):
    group0_de = [f"{P}s{n}" for n in range(0, SHOPPERS, GROUPS) if shopper_country(n) == "DE"]
    hits = []
    for shopper in group0_de:
        rows = {r["product_id"]: r for r in recommend(driver, settings, shopper, k=8)}
        hits.append(COLD in rows)
        if COLD in rows:
            assert "same brand (Brand 0)" in rows[COLD]["explanation"] or \
                "your category" in rows[COLD]["explanation"]
    assert sum(hits) / len(hits) >= 0.6, hits


def test_similar_products_stay_in_the_taste_group(driver, settings, activated):
    rows = read(driver, "manager/similar_products", settings.neo4j_database,
                product_id=product(1, 0), k=60)  # other shops' products may be in the index
    ours = [r["product_id"] for r in rows if r["product_id"].startswith(P)][:5]
    assert len(ours) == 5 and product(1, 0) not in ours
    assert sum(pid.startswith(f"{P}p1-") for pid in ours) >= 4


def test_nothing_new_to_judge_keeps_the_active_version(driver, settings, activated,
                                                       gnn_settings):
    outcome = refresh(driver, settings, gnn_settings, progress=False)
    assert outcome.status == "rejected" and "no interactions newer" in outcome.reason
    assert active_id(driver, settings) == activated.version


def test_gate_refuses_a_worse_model_and_keeps_the_active_one(driver, settings, shop, activated,
                                                            gnn_settings, tmp_path):
    add_fresh_interactions(driver, settings, tmp_path / "fresh", 1)
    shoppers = my_ids([s["id"] for s in shop["shoppers"]])
    served_before, _ = served_vectors(driver, settings, "Shopper", shoppers, settings.embedding_dim,
                                      activated.version)
    # Untrained and without propagation: random vectors (propagation alone would already carry
    # the brand signal from a shopper's products to the shopper).
    untrained = gnn_settings.model_copy(update={"epochs": 0, "final_epochs": 0, "layers": 0})
    outcome = refresh(driver, settings, untrained, fine_tune=False, progress=False)
    assert outcome.status == "rejected" and "below the served" in outcome.reason, outcome
    assert active_id(driver, settings) == activated.version
    served_after, version = served_vectors(driver, settings, "Shopper", shoppers,
                                           settings.embedding_dim, activated.version)
    assert version == activated.version and torch.equal(served_before, served_after)
    status = {v["id"]: v["status"] for v in model_versions(driver, settings)}
    assert status[outcome.version] == "rejected"


def test_rerun_after_a_crash_between_staging_and_activation(driver, settings, shop, activated,
                                                            gnn_settings, tmp_path):
    add_fresh_interactions(driver, settings, tmp_path / "fresh", 2)
    # A run that died after staging: a staged version and staged vectors, nothing activated.
    shoppers = my_ids([s["id"] for s in shop["shoppers"]])
    record_version(driver, settings, "mv-gnntest-crashed", status="staged", metrics={},
                   snapshot={}, dim=settings.embedding_dim, shop=P)
    stage_embeddings(driver, settings, "mv-gnntest-crashed", "Shopper", shoppers,
                     torch.ones(len(shoppers), settings.embedding_dim), progress=False)
    outcome = refresh(driver, settings, gnn_settings, progress=False)
    assert "mv-gnntest-crashed" in outcome.abandoned
    assert outcome.warm_started_rows > 0  # fine-tuned from the active version's checkpoint
    assert outcome.status == "activated"
    served, version = served_vectors(driver, settings, "Shopper", shoppers, settings.embedding_dim,
                                     outcome.version)
    assert version == outcome.version
    assert not torch.equal(served[0], torch.ones(settings.embedding_dim))
    status = {v["id"]: v["status"] for v in model_versions(driver, settings)}
    assert status["mv-gnntest-crashed"] == "abandoned"
    assert status[activated.version] == "retired"


# These two tests add interactions and a shopper; they come last so the figures above are untouched.

def test_a_shopper_with_no_history_gets_their_countrys_taste(driver, settings, activated,
                                                             tmp_path):
    # A shopper who signed up after the run has no vector and no interactions: the model used to
    # answer nothing; now the version's taste of their country ranks for them.
    (tmp_path / "shoppers.jsonl").write_text(json.dumps(
        {"id": f"{P}s-new", "country": "FR", "language": "en", "currency": "EUR"}) + "\n")
    assert load_catalog(driver, settings, tmp_path, tmp_path / "q.jsonl",
                        progress=False).quarantined == 0
    rows = recommend(driver, settings, f"{P}s-new", k=8)
    assert len(rows) == 8
    assert {r["explanation"] for r in rows} == {"popular with shoppers in France"}
    assert all("FR" in ships_to(r["product_id"]) for r in rows)  # the country still filters
    (tastes,) = read(driver, cypher_file("gnn_country_tastes"), settings.neo4j_database,
                     version=active_id(driver, settings))
    assert set(tastes["countries"]) == {"DE", "FR", "*"}


def test_fresh_interactions_show_before_the_next_refresh(driver, settings, activated, tmp_path):
    # Shopper s0 learned group 0's taste; six views of group 2's products since the version was
    # trained move their recommendations without a refresh (folded into their taste).
    group2 = lambda rows: [r["product_id"].startswith(f"{P}p2-") for r in rows]  # noqa: E731
    before = recommend(driver, settings, f"{P}s0", k=10)
    assert not any(group2(before)[:3])  # group 0 leads, other groups only fill the list
    now = datetime.now(UTC)
    rows = [{"shopper_id": f"{P}s0", "product_id": product(2, j), "kind": "view",
             "at": (now - timedelta(minutes=j)).isoformat()} for j in range(6)]
    (tmp_path / "interactions.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert load_catalog(driver, settings, tmp_path, tmp_path / "q.jsonl",
                        progress=False).quarantined == 0
    after = recommend(driver, settings, f"{P}s0", k=10)
    assert all(group2(after)[:3]) and sum(group2(after)) > sum(group2(before))
    assert after[0]["model_id"] == before[0]["model_id"]  # no new version was needed
