"""Experiments on ``search`` (ranking weights) and ``similarProducts`` (LOOK / GRAPH / BOTH):
assignment, the served list that attributes each answer, the analysis, and the definitions
refused, on the real Neo4j.

Shoppers ``expt-s-*`` live in the API test shop's country XA; every experiment key starts with
``expt-`` and is removed by the ``clean`` fixture (an experiment is in force database-wide).
"""

from __future__ import annotations

import json
import uuid

import pytest
from api_support import (  # noqa: F401
    api_settings, api_shop, client, data, error_codes, gql, manager, shopper,
)

from borderless.cli import main
from experiments.assign import assign
from experiments.definition import ExperimentError, parse_definition, parse_variant_flag
from graph.driver import read, run_auto, write
from statements import cypher_file

PREFIX = "expt-"
UNITS = [f"expt-s-{i}" for i in range(12)]
ACME_POPULAR = "apit-p-59"  # an Acme product that sorts last by id (tests/data/api_shop)
SEARCH = """query S($session: ID) { search(query: "Acme", lang: EN, first: 5, sessionId: $session) {
  servedListId experiment variant products { id } } }"""
SIMILAR = """query S($by: SimilarBy) { similarProducts(productId: "apit-p-01", first: 3, by: $by) {
  servedListId strategy experiment variant rankedBy items { product { id } } } }"""
CREATE = """mutation C($key: String!, $surface: String!, $unit: String!, $variants: [VariantInput!]!) {
  createExperiment(key: $key, surface: $surface, unitType: $unit, variants: $variants) {
    key surface status variants { key strategy weights } } }"""
TEXT_VS_POPULAR = [{"key": "text", "share": 0.5, "strategy": "search"},
                   {"key": "popular", "share": 0.5, "strategy": "search",
                    "popularityWeight": 1.0, "shopperWeight": 0.0}]


@pytest.fixture
def clean(api_shop, driver, settings):
    db = settings.neo4j_database
    write(driver, cypher_file("experiments_test_shoppers"), db, ids=UNITS, country="XA")
    yield
    write(driver, cypher_file("experiments_test_cleanup"), db, prefix=PREFIX)
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix="expt-s-")
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix="expt-ev-")  # impressions


@pytest.fixture
def graph_model(api_shop, driver, settings):
    """An active model version with vectors for a few test products (GRAPH can rank)."""
    db = settings.neo4j_database
    write(driver, cypher_file("api_test_model_version"), db, id="apit-mv-sf", shop="apit-")
    vector = [1.0] + [0.0] * (settings.embedding_dim - 1)
    write(driver, cypher_file("api_test_embeddings"), db, version="apit-mv-sf",
          rows=[{"id": p, "vector": vector} for p in ("apit-p-01", "apit-p-02", "apit-p-03")])
    yield "apit-mv-sf"
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix="apit-mv-sf")


def _create(client, key, surface, variants, unit="shopper"):
    return data(gql(client, CREATE, {"key": key, "surface": surface, "unit": unit,
                                     "variants": variants}, headers=manager()))["createExperiment"]


def _served(driver, settings, list_id):
    rows = read(driver, cypher_file("experiments_test_served_list"), settings.neo4j_database,
                id=list_id)
    assert len(rows) == 1, list_id
    return rows[0]["list"]


def test_a_search_experiment_ranks_each_shopper_by_their_variants_weights(
    client, api_settings, clean, driver, settings,
):
    db = settings.neo4j_database
    write(driver, cypher_file("experiments_test_views"), db, shopper=UNITS[0],
          product=ACME_POPULAR, n=40)
    made = _create(client, "expt-search", "search", TEXT_VS_POPULAR)
    assert made["surface"] == "search"
    assert made["variants"][1]["weights"] == {"popularity": 1.0, "shopper": 0.0}
    variants = parse_definition("expt-search", [
        {k: v for k, v in variant.items() if k in ("key", "share", "strategy")}
        for variant in TEXT_VS_POPULAR], surface="search").variants
    pages: dict[str, list[str]] = {}
    for unit in UNITS:
        answer = data(gql(client, SEARCH, headers=shopper(api_settings, unit)))["search"]
        expected = assign("expt-search", variants, unit).key
        assert (answer["experiment"], answer["variant"]) == ("expt-search", expected)
        stored = _served(driver, settings, answer["servedListId"])
        assert (stored["surface"], stored["strategy"], stored["experiment"], stored["variant"],
                stored["unit"]) == ("search", "search", "expt-search", expected, unit)
        assert stored["items"] == [p["id"] for p in answer["products"]]
        pages.setdefault(expected, [p["id"] for p in answer["products"]])
    assert set(pages) == {"text", "popular"}, "12 units should reach both halves"
    # Ranked by popularity alone, the page holds the most interacted-with Acme products first.
    fans = {r["id"]: r["fans"] for r in read(driver, cypher_file("experiments_test_popularity"),
                                             db, ids=pages["popular"])}
    assert ACME_POPULAR in pages["popular"]
    counts = [fans[p] for p in pages["popular"]]
    assert counts == sorted(counts, reverse=True)
    assert pages["text"] != pages["popular"]
    # Anonymous callers without a session are in no arm: the default ranking, no variant.
    anonymous = data(gql(client, SEARCH))["search"]
    assert (anonymous["experiment"], anonymous["variant"]) == (None, None)


def test_a_session_search_experiment_assigns_by_the_session_id(client, clean):
    _create(client, "expt-search-sess", "search", TEXT_VS_POPULAR, unit="session")
    variants = parse_definition("expt-search-sess", [
        {k: v for k, v in variant.items() if k in ("key", "share", "strategy")}
        for variant in TEXT_VS_POPULAR], surface="search").variants
    for session in ("expt-sess-a1", "expt-sess-b2", "expt-sess-c3", "expt-sess-d4"):
        answer = data(gql(client, SEARCH, {"session": session}))["search"]
        assert answer["variant"] == assign("expt-search-sess", variants, session).key


def test_a_similar_products_experiment_serves_each_arm_and_an_explicit_by_opts_out(
    client, api_settings, clean, graph_model, driver, settings,
):
    made = _create(client, "expt-similar", "similarProducts", [
        {"key": "graph", "share": 0.5, "strategy": "graph"},
        {"key": "both", "share": 0.5, "strategy": "both"}])
    assert [v["strategy"] for v in made["variants"]] == ["graph", "both"]
    variants = parse_definition("expt-similar", [
        {"key": "graph", "share": 0.5, "strategy": "graph"},
        {"key": "both", "share": 0.5, "strategy": "both"}], surface="similarProducts").variants
    seen = set()
    for unit in UNITS:
        answer = data(gql(client, SIMILAR, headers=shopper(api_settings, unit)))["similarProducts"]
        expected = assign("expt-similar", variants, unit)
        # BOTH without pictures falls back to the graph's ranking and says so in rankedBy.
        assert (answer["experiment"], answer["variant"], answer["strategy"],
                answer["rankedBy"]) == ("expt-similar", expected.key, expected.strategy, "GRAPH")
        stored = _served(driver, settings, answer["servedListId"])
        assert (stored["surface"], stored["strategy"], stored["variant"], stored["unit"],
                stored["modelVersion"]) == ("similarProducts", expected.strategy, expected.key,
                                            unit, graph_model)
        seen.add(expected.key)
    assert seen == {"graph", "both"}
    pinned = data(gql(client, SIMILAR, {"by": "GRAPH"},
                      headers=shopper(api_settings, UNITS[0])))["similarProducts"]
    assert (pinned["experiment"], pinned["variant"], pinned["strategy"]) == (None, None, "graph")
    # A promoted winner serves everyone who leaves `by` out, with no variant recorded.
    assert main(["experiment", "promote", "expt-similar", "--variant", "both"]) == 0
    promoted = data(gql(client, SIMILAR))["similarProducts"]
    assert (promoted["experiment"], promoted["strategy"]) == (None, "both")


def test_search_clicks_are_attributed_and_analysed_per_variant(
    client, api_settings, clean, capsys, tmp_path,
):
    """Events citing a search answer's list reach the same gbstats analysis as recommendations'."""
    assert main(["experiment", "create", "expt-search-cli", "--surface", "search",
                 "--variant", "text:0.5:search", "--variant",
                 "popular:0.5:search:popularity=0.8,shopper=0.1", "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert created["surface"] == "search"
    assert created["variants"][1]["weights"] == {"popularity": 0.8, "shopper": 0.1}
    for n, unit in enumerate(UNITS):
        headers = shopper(api_settings, unit)
        answer = data(gql(client, SEARCH, headers=headers))["search"]
        run = uuid.uuid4().hex[:8]
        events = [{"id": f"expt-ev-{unit}-{run}-imp", "kind": "impression",
                   "listId": answer["servedListId"]}]
        if n % 2 == 0:
            events.append({"id": f"expt-ev-{unit}-{run}-click", "kind": "click",
                           "productId": answer["products"][0]["id"],
                           "listId": answer["servedListId"], "position": 1})
        recorded = data(gql(client, """mutation R($events: [EventInput!]!) {
            recordEvents(events: $events) { accepted userErrors { code } } }""",
                            {"events": events}, headers=headers))["recordEvents"]
        assert recorded == {"accepted": len(events), "userErrors": []}
    assert main(["experiment", "status", "expt-search-cli", "--json"]) == 0
    analysis = json.loads(capsys.readouterr().out)["analysis"]
    assert sum(v["units"] for v in analysis["variants"]) == len(UNITS)
    assert [v["key"] for v in analysis["variants"]] == ["text", "popular"]
    assert {m["metric"] for m in analysis["variants"][1]["metrics"]} == \
        {"click", "cart", "purchase", "revenue"}
    assert main(["experiment", "report", "expt-search-cli", "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    assert (tmp_path / "experiment-expt-search-cli.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    rates = data(gql(client, '{ servedListRates(experiment: "expt-search-cli") }',
                     headers=manager()))["servedListRates"]
    assert {g["variant"] for g in rates} == {"text", "popular"}
    assert sum(g["clicks"] for g in rates) == len(UNITS) // 2
    assert sum(g["impressions"] for g in rates) == len(UNITS)


@pytest.mark.parametrize(("surface", "variant", "fault"), [
    ("search", {"key": "m", "share": 0.5, "strategy": "model"}, "does not serve search"),
    ("similarProducts", {"key": "p", "share": 0.5, "strategy": "popularity"},
     "does not serve similarProducts"),
    ("recommendations", {"key": "w", "share": 0.5, "strategy": "model",
                         "weights": {"popularity": 0.5}}, "weights rank search only"),
    ("search", {"key": "w", "share": 0.5, "strategy": "search",
                "weights": {"popularity": 0.7, "shopper": 0.6}}, "at most 1 together"),
    ("search", {"key": "w", "share": 0.5, "strategy": "search",
                "weights": {"price": 0.5}}, "unknown weight 'price'"),
])
def test_a_variant_that_does_not_fit_its_surface_is_refused_naming_it(surface, variant, fault):
    control = {"search": "search", "similarProducts": "graph", "recommendations": "model"}[surface]
    with pytest.raises(ExperimentError, match=fault) as refused:
        parse_definition("expt-bad", [{"key": "c", "share": 0.5, "strategy": control}, variant],
                         surface=surface)
    assert "variants" in str(refused.value)


def test_a_variant_flag_takes_search_weights():
    assert parse_variant_flag("p:0.5:search:popularity=0.3,shopper=0.2") == {
        "key": "p", "share": 0.5, "strategy": "search",
        "weights": {"popularity": 0.3, "shopper": 0.2}}
    with pytest.raises(ExperimentError, match="NAME=NUMBER"):
        parse_variant_flag("p:0.5:search:popularity=lots")
