"""Served lists, experiments and attribution through the API and the CLI, on the real Neo4j.

Shoppers ``expt-s-*`` live in the API test shop's country XA; every experiment key starts with
``expt-``. An experiment on ``recommendations`` is in force for the whole database, so each test
removes its experiments before it ends (the ``clean`` fixture).
"""

from __future__ import annotations

import json

import pytest
from api_support import (  # noqa: F401
    api_settings, api_shop, client, data, error_codes, gql, manager, shopper,
)

from borderless.cli import main
from experiments.assign import assign
from experiments.definition import stored_variants
from graph.driver import read, run_auto, write
from statements import cypher_file

PREFIX = "expt-"
UNITS = [f"expt-s-{i}" for i in range(12)]
RECS = """query R($user: ID!, $session: ID) {
  recommendations(userId: $user, first: 5, sessionId: $session) {
    servedListId strategy experiment variant modelVersion { id }
    items { position product { id } } } }"""
CREATE = """mutation C($key: String!, $variants: [VariantInput!]!) {
  createExperiment(key: $key, variants: $variants) { key status variants { key share strategy } } }"""
POP_VS_COLD = [{"key": "pop", "share": 0.5, "strategy": "popularity"},
               {"key": "kg", "share": 0.5, "strategy": "cold_start"}]


@pytest.fixture
def clean(api_shop, driver, settings):
    db = settings.neo4j_database
    write(driver, cypher_file("experiments_test_shoppers"), db, ids=UNITS, country="XA")
    yield
    write(driver, cypher_file("experiments_test_cleanup"), db, prefix=PREFIX)
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix="expt-s-")


def _served(driver, settings, list_id):
    rows = read(driver, cypher_file("experiments_test_served_list"), settings.neo4j_database,
                id=list_id)
    assert len(rows) == 1, list_id
    return rows[0]["list"]


def _recs(client, api_settings, unit, session=None):
    return data(gql(client, RECS, {"user": unit, "session": session},
                    headers=shopper(api_settings, unit)))["recommendations"]


def test_each_shopper_gets_the_growthbook_variant_and_its_strategy_with_a_served_list(
    client, api_settings, clean, driver, settings,
):
    made = data(gql(client, CREATE, {"key": "expt-ab", "variants": POP_VS_COLD},
                    headers=manager()))["createExperiment"]
    assert made["status"] == "running"
    variants = stored_variants(json.dumps(POP_VS_COLD))
    seen = set()
    for unit in UNITS:
        answer = _recs(client, api_settings, unit)
        expected = assign("expt-ab", variants, unit)
        assert (answer["experiment"], answer["variant"], answer["strategy"]) == \
            ("expt-ab", expected.key, expected.strategy)
        # Model-free strategies name no model version.
        assert answer["modelVersion"] is None
        assert [i["position"] for i in answer["items"]] == list(range(1, len(answer["items"]) + 1))
        stored = _served(driver, settings, answer["servedListId"])
        assert stored["items"] == [i["product"]["id"] for i in answer["items"]]
        assert (stored["surface"], stored["strategy"], stored["experiment"], stored["variant"],
                stored["unit"], stored["impressions"]) == \
            ("recommendations", expected.strategy, "expt-ab", expected.key, unit, 0)
        seen.add(expected.key)
        # The same unit asks again: same variant, a new list.
        again = _recs(client, api_settings, unit)
        assert again["variant"] == answer["variant"]
        assert again["servedListId"] != answer["servedListId"]
    assert seen == {"pop", "kg"}, "12 units should reach both halves"
    counted = client.get("/metrics").text
    assert 'borderless_served_lists_total{strategy="popularity",surface="recommendations",variant="pop"}' \
        in counted


def test_a_session_experiment_assigns_by_the_session_id(client, api_settings, clean):
    body = data(gql(client, """mutation { createExperiment(key: "expt-session", unitType: "session",
        variants: [{key: "pop", share: 0.5, strategy: "popularity"},
                   {key: "kg", share: 0.5, strategy: "cold_start"}]) { unitType } }""",
                    headers=manager()))
    assert body["createExperiment"]["unitType"] == "session"
    variants = stored_variants(json.dumps(POP_VS_COLD))
    for session in ("expt-sess-a", "expt-sess-b", "expt-sess-c", "expt-sess-d"):
        answer = _recs(client, api_settings, UNITS[0], session)
        assert answer["variant"] == assign("expt-session", variants, session).key


def test_experiments_are_for_staff_only(client, api_settings, clean):
    vars_ = {"key": "expt-nope", "variants": POP_VS_COLD}
    assert error_codes(gql(client, CREATE, vars_, headers=shopper(api_settings, UNITS[0]))) == \
        ["FORBIDDEN"]
    assert error_codes(gql(client, CREATE, vars_)) == ["UNAUTHENTICATED"]
    assert error_codes(gql(client, "{ experiments { key } }",
                           headers=shopper(api_settings, UNITS[0]))) == ["FORBIDDEN"]
    page = client.get("/experiments/expt-nope/report", headers=shopper(api_settings, UNITS[0]))
    assert page.status_code == 403


def test_a_bad_definition_is_refused_naming_the_variant_and_field(client, clean):
    shares = [{"key": "a", "share": 0.6, "strategy": "popularity"},
              {"key": "b", "share": 0.6, "strategy": "cold_start"}]
    body = gql(client, CREATE, {"key": "expt-bad", "variants": shares}, headers=manager())
    assert error_codes(body) == ["INVALID_ARGUMENT"]
    assert "add up to 1" in body["errors"][0]["message"]
    strategy = [{"key": "a", "share": 0.5, "strategy": "popularity"},
                {"key": "b", "share": 0.5, "strategy": "magic"}]
    body = gql(client, CREATE, {"key": "expt-bad", "variants": strategy}, headers=manager())
    assert error_codes(body) == ["INVALID_ARGUMENT"]
    assert "variants.[1].strategy" in body["errors"][0]["message"]
    version = [{"key": "a", "share": 0.5, "strategy": "model", "modelVersion": "expt-no-such"},
               {"key": "b", "share": 0.5, "strategy": "popularity"}]
    body = gql(client, CREATE, {"key": "expt-bad", "variants": version}, headers=manager())
    assert error_codes(body) == ["NOT_FOUND"]
    # Nothing was created by any of them.
    assert data(gql(client, '{ experiment(key: "expt-bad") { key } }',
                    headers=manager()))["experiment"] is None


def test_one_running_experiment_per_surface_and_keys_are_unique(client, clean):
    data(gql(client, CREATE, {"key": "expt-first", "variants": POP_VS_COLD}, headers=manager()))
    body = gql(client, CREATE, {"key": "expt-second", "variants": POP_VS_COLD}, headers=manager())
    assert error_codes(body) == ["INVALID_ARGUMENT"]
    assert "expt-first" in body["errors"][0]["message"]
    data(gql(client, 'mutation { stopExperiment(key: "expt-first") { status } }', headers=manager()))
    body = gql(client, CREATE, {"key": "expt-first", "variants": POP_VS_COLD}, headers=manager())
    assert "exists already" in body["errors"][0]["message"]


def test_promote_serves_the_winner_to_everyone_and_stop_returns_to_the_default(
    client, api_settings, clean,
):
    data(gql(client, CREATE, {"key": "expt-promo", "variants": POP_VS_COLD}, headers=manager()))
    promoted = data(gql(client, 'mutation { promoteExperiment(key: "expt-promo", variant: "kg") '
                                '{ status winner stop } }', headers=manager()))["promoteExperiment"]
    assert promoted["status"] == "promoted" and promoted["winner"] == "kg" and promoted["stop"]
    for unit in UNITS[:6]:
        answer = _recs(client, api_settings, unit)
        assert (answer["strategy"], answer["experiment"], answer["variant"]) == \
            ("cold_start", None, None)
    body = gql(client, 'mutation { promoteExperiment(key: "expt-promo", variant: "zzz") { key } }',
               headers=manager())
    assert error_codes(body) == ["NOT_FOUND"]
    # Stopping a promoted experiment withdraws its winner: back to the default strategy.
    stopped = data(gql(client, 'mutation { stopExperiment(key: "expt-promo") { status winner } }',
                       headers=manager()))["stopExperiment"]
    assert stopped == {"status": "stopped", "winner": "kg"}
    body = gql(client, RECS, {"user": UNITS[0]}, headers=shopper(api_settings, UNITS[0]))
    # The default is the shop's active model; these shoppers' shop may have none in this database.
    if body.get("errors"):
        assert error_codes(body) == ["NO_ACTIVE_MODEL"]
    else:
        assert body["data"]["recommendations"]["strategy"] == "model"


def test_events_citing_a_served_list_are_attributed_to_its_variant(
    client, api_settings, clean, driver, settings,
):
    db = settings.neo4j_database
    data(gql(client, CREATE, {"key": "expt-attr", "variants": POP_VS_COLD}, headers=manager()))
    answers = {unit: _recs(client, api_settings, unit) for unit in UNITS}
    expected: dict[str, dict[str, float]] = {}
    events = []
    for n, (unit, answer) in enumerate(answers.items()):
        assert answer["items"], "the XA shop ships something to every test shopper"
        list_id, first = answer["servedListId"], answer["items"][0]["product"]["id"]
        write(driver, cypher_file("experiments_test_impressions"), db, id=list_id, n=2)
        totals = expected.setdefault(answer["variant"], {"impressions": 0, "clicks": 0,
                                                         "purchases": 0, "revenue": 0.0})
        totals["impressions"] += 2
        if n % 2 == 0:  # every other shopper clicks the first item; every fourth buys it
            events.append(_event(f"expt-e-{n}-c", unit, first, list_id, "click"))
            totals["clicks"] += 1
        if n % 4 == 0:
            events.append(_event(f"expt-e-{n}-p", unit, first, list_id, "purchase", 25.0))
            totals["purchases"] += 1
            totals["revenue"] += 25.0
    write(driver, cypher_file("experiments_test_events"), db, rows=events)

    rates = data(gql(client, """{ servedListRates(experiment: "expt-attr") }""",
                     headers=manager()))["servedListRates"]
    by_variant = {g["variant"]: g for g in rates}
    assert set(by_variant) == set(expected)
    for variant, totals in expected.items():
        got = by_variant[variant]
        assert got["impressions"] == totals["impressions"]
        assert got["clicks"] == totals["clicks"]
        assert got["purchases"] == totals["purchases"]
        assert got["revenue"] == pytest.approx(totals["revenue"])
        assert got["ctr"]["value"] == pytest.approx(totals["clicks"] / totals["impressions"])
        assert got["ctr"]["low"] <= got["ctr"]["value"] <= got["ctr"]["high"]
        assert got["revenue_per_impression"]["value"] == pytest.approx(
            totals["revenue"] / totals["impressions"])
    analysis = data(gql(client, '{ experiment(key: "expt-attr") { analysis } }',
                        headers=manager()))["experiment"]["analysis"]
    assert sum(v["units"] for v in analysis["variants"]) == len(UNITS)
    assert analysis["variants"][0]["key"] == "pop" and analysis["variants"][0]["metrics"] == []
    assert {m["metric"] for m in analysis["variants"][1]["metrics"]} == \
        {"click", "cart", "purchase", "revenue"}
    # A time window that ends before the lists were served holds none of them.
    before = data(gql(client, '{ servedListRates(experiment: "expt-attr", '
                              'until: "2000-01-01T00:00:00Z") }', headers=manager()))
    assert before["servedListRates"] == []


def _event(event_id, unit, product, list_id, kind, value=None):
    return {"eventId": event_id, "shopper": unit, "product": product, "listId": list_id,
            "position": 1, "kind": kind, "quantity": 1 if value else None, "price": value,
            "currency": "EUR" if value else None, "valueBase": value}


def test_the_cli_creates_reports_promotes_and_the_api_serves_the_page(
    client, api_settings, clean, capsys, tmp_path,
):
    assert main(["experiment", "create", "expt-cli", "--variant", "pop:0.5:popularity",
                 "--variant", "kg:0.5:cold_start", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "running"
    for unit in UNITS:
        _recs(client, api_settings, unit)
    assert main(["experiment", "status", "expt-cli", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert sum(v["units"] for v in status["analysis"]["variants"]) == len(UNITS)
    assert main(["experiment", "report", "expt-cli", "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    assert (tmp_path / "experiment-expt-cli.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = (tmp_path / "experiment-expt-cli.html").read_text()
    assert "expt-cli" in page and "data:image/png;base64," in page
    served = client.get("/experiments/expt-cli/report", headers=manager())
    assert served.status_code == 200 and "Sample ratio" in served.text
    assert client.get("/experiments/expt-none/report", headers=manager()).status_code == 404
    # Nobody converted, so no variant is a clear winner: promote refuses to guess.
    assert main(["experiment", "promote", "expt-cli"]) == 2
    assert "name one with --variant" in capsys.readouterr().err
    assert main(["experiment", "promote", "expt-cli", "--variant", "kg", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["winner"] == "kg"
    assert main(["experiment", "create", "expt-cli2", "--variant", "pop:0.7:popularity",
                 "--variant", "kg:0.7:cold_start"]) == 2
    assert "add up to 1" in capsys.readouterr().err
