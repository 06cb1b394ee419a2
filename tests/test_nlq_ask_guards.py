"""``ask``'s schema, cost and privacy guards on the real Neo4j, for both staff roles.

A small planted graph (ids ``nlqg-``, country ``XG``) holds a product, a shopper who lives in
``XG``, wrote a review and bought the product: personal data a catalog manager must not read
while an admin may. A statement that exhausts Neo4j's memory pool must run exactly once: the
driver's calls are counted around the real server (the server does the work; nothing is faked).
"""

from __future__ import annotations

import json
from typing import Any, Self

import pytest
from api_support import api_settings, api_shop, client, data, gql, manager  # noqa: F401
from graph_support import run_with_session
from hypothesis import given
from hypothesis import strategies as st
from test_nlq_ask import ScriptedModel

from api.db import api_session
from api.nlq.ask import ask, run_guarded
from api.nlq.guards import MAX_HOPS, Refused, check_text
from graph.driver import run_auto, write
from graph.session import open_async_driver
from loaders.catalog import load_catalog
from statements import cypher_file

PREFIX = "nlqg-"
CATALOG = {
    "countries": [{"code": "XG", "name": "Guardland", "currency": "EUR", "languages": ["en"]}],
    "brands": [{"id": f"{PREFIX}brand", "name": "Guardbrand"}],
    "categories": [{"id": f"{PREFIX}cat", "names": {"en": "Guard things"}}],
    "products": [{"id": f"{PREFIX}p1", "brand_id": f"{PREFIX}brand", "category_id": f"{PREFIX}cat",
                  "price": 10.0, "currency": "EUR", "titles": {"en": "Guarded lamp"}}],
    "shipping": [{"product_id": f"{PREFIX}p1", "country": "XG", "days": 2, "cost": 1.0}],
    "shoppers": [{"id": f"{PREFIX}s1", "country": "XG", "language": "en", "currency": "EUR"}],
    "interactions": [{"shopper_id": f"{PREFIX}s1", "product_id": f"{PREFIX}p1", "kind": "purchase",
                      "at": "2026-11-02T10:00:00Z", "id": f"{PREFIX}i1"}],
    "reviews": [{"id": f"{PREFIX}r1", "shopper_id": f"{PREFIX}s1", "product_id": f"{PREFIX}p1",
                 "rating": 5, "text": "Lovely lamp", "lang": "en", "at": "2026-11-03T10:00:00Z"}],
}
# Statements that read shoppers' personal data, each a different road to it.
PERSONAL = {
    "shopper label": "MATCH (s:Shopper) RETURN s.id AS id, s.country AS country",
    "review authorship": "MATCH (s)-[:WROTE]->(r:Review) RETURN s.id AS author, r.text AS text",
    "purchases": "MATCH (p:Product)<-[i:INTERACTED]-(s) RETURN p.id, i.kind, s.id",
    "where they live": "MATCH (c:Country {code: 'XG'})<-[:LIVES_IN]-(s) RETURN count(s) AS n",
    "label test in WHERE": "MATCH (n:Product) OPTIONAL MATCH (m) WHERE m:Shopper RETURN m.id",
    "existential subquery": ("MATCH (p:Product) WHERE EXISTS { (p)<-[:INTERACTED]-() } "
                             "RETURN p.id"),
    "untyped relationship": "MATCH (p:Product {id: 'nlqg-p1'})<-[r]-(x) RETURN x.id AS id",
    "untyped arrow": "MATCH (c:Country {code: 'XG'})<--(x) RETURN x.id AS id",
    "property only shoppers carry": ("MATCH (p:Product)-[:IN_CATEGORY]->(c) "
                                     "RETURN c.language AS language"),
    "all nodes": "MATCH (n) WHERE n.id STARTS WITH 'nlqg-s' RETURN n.id AS id",
}


@pytest.fixture(scope="module")
def planted(driver, settings, tmp_path_factory):
    folder = tmp_path_factory.mktemp("nlq-guards")
    for entity, rows in CATALOG.items():
        (folder / f"{entity}.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert load_catalog(driver, settings, folder, progress=False).quarantined == 0
    yield
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)
    write(driver, cypher_file("text_test_cleanup"), settings.neo4j_database, countries=["XG"],
          currencies=[])


def guarded(settings, cypher: str, role: str = "catalog_manager"):
    return run_with_session(settings, lambda g: run_guarded(g, settings, cypher, role))


@pytest.mark.parametrize("cypher, guard", [
    ("MATCH (c:Country) RETURN c.name_en AS name", "label-properties"),       # a Category key
    ("MATCH (c:Country {name_en: 'Guardland'}) RETURN c.code", "label-properties"),
    ("MATCH (p:Product)-[s:SHIPS_TO]->(c:Country) RETURN s.reason", "label-properties"),
    ("MATCH (b:Brand) WHERE b.title_en = 'x' RETURN b.id", "label-properties"),
    ("MATCH (n) WHERE n:Country RETURN n.path_en", "label-properties"),
])
def test_a_property_must_exist_on_the_label_it_is_read_from(planted, settings, cypher, guard):
    outcome = guarded(settings, cypher, "admin")
    assert outcome.guard == guard, outcome.refused
    assert outcome.rows == []


def test_properties_on_their_own_labels_and_types_pass(planted, settings):
    outcome = guarded(settings, "MATCH (p:Product {id: 'nlqg-p1'})-[s:SHIPS_TO]->(c:Country) "
                                "RETURN p.title_en AS title, s.days AS days, c.name AS country")
    assert outcome.refused is None
    assert outcome.rows == [{"title": "Guarded lamp", "days": 2, "country": "Guardland"}]


@pytest.mark.parametrize("cypher, guard", [
    ("MATCH (a:Category)-[:SUBCATEGORY_OF*]->(b:Category) RETURN count(*)", "var-length"),
    ("MATCH (a:Category)-[:SUBCATEGORY_OF*2..]->(b:Category) RETURN count(*)", "var-length"),
    ("MATCH (a:Category)-[:SUBCATEGORY_OF*1..12]->(b:Category) RETURN count(*)", "var-length"),
    ("MATCH (a:Category)-[:SUBCATEGORY_OF]->+(b:Category) RETURN count(*)", "var-length"),
    ("MATCH (a:Category)-[:SUBCATEGORY_OF]->{1,}(b:Category) RETURN count(*)", "var-length"),
    ("MATCH (a:Category) ((x)-[:SUBCATEGORY_OF]->(y))+ (b) RETURN count(*)", "plan-var-length"),
    ("MATCH (a:Product), (b:Product) RETURN a.id, b.id", "cartesian"),
    ("MATCH (a:Product) MATCH (b:Brand) RETURN a.id, b.id", "plan-cartesian"),
])
def test_unbounded_statements_are_refused_by_name(planted, settings, cypher, guard):
    outcome = guarded(settings, cypher, "admin")
    assert outcome.guard == guard, outcome.refused
    assert outcome.rows == []


@given(lower=st.one_of(st.none(), st.integers(0, 12)), upper=st.one_of(st.none(), st.integers(0, 12)),
       ranged=st.booleans(), arrow=st.sampled_from(["->", "-"]))
def test_the_hop_bound_is_refused_exactly_when_missing_or_too_high(lower, upper, ranged, arrow):
    def text(n: int | None) -> str:
        return "" if n is None else str(n)
    hops = f"*{text(lower)}..{text(upper)}" if ranged else f"*{text(lower)}"
    most = upper if ranged else lower
    cypher = f"MATCH (a:Category)-[:SUBCATEGORY_OF{hops}]{arrow}(b:Category) RETURN b.id"
    if most is not None and most <= MAX_HOPS:
        assert check_text(cypher)
    else:
        with pytest.raises(Refused) as refused:
            check_text(cypher)
        assert refused.value.guard == "var-length"


def test_a_bounded_path_runs(planted, settings):
    outcome = guarded(settings, "MATCH (p:Product {id: 'nlqg-p1'})-[:IN_CATEGORY]->(:Category)"
                                "-[:SUBCATEGORY_OF*0..3]->(c:Category) RETURN c.id AS id")
    assert outcome.refused is None and outcome.rows == [{"id": f"{PREFIX}cat"}]


@pytest.mark.parametrize("name", sorted(PERSONAL))
def test_personal_data_is_refused_to_catalog_managers(planted, settings, name):
    outcome = guarded(settings, PERSONAL[name], "catalog_manager")
    assert outcome.refused and outcome.guard in ("personal-data", "plan-personal-data"), \
        (name, outcome.refused)
    assert outcome.rows == []


def test_admins_may_read_personal_data(planted, settings):
    outcome = guarded(settings, "MATCH (s:Shopper) WHERE s.id STARTS WITH 'nlqg-' "
                                "RETURN s.id AS id, s.country AS country", "admin")
    assert outcome.refused is None
    assert outcome.rows == [{"id": f"{PREFIX}s1", "country": "XG"}]
    authored = guarded(settings, "MATCH (s:Shopper)-[:WROTE]->(r:Review {id: 'nlqg-r1'}) "
                                 "RETURN s.id AS author", "admin")
    assert authored.rows == [{"author": f"{PREFIX}s1"}]


def test_the_schema_the_model_sees_depends_on_the_role(planted, settings):
    for role, shown in (("catalog_manager", False), ("admin", True)):
        model = ScriptedModel("MATCH (p:Product) RETURN count(p) AS n")
        outcome = run_with_session(settings, lambda g, role=role, model=model: ask(
            g, settings, "how many?", role, model=model))
        assert outcome.refused is None
        prompt = model.prompts[0]
        assert "(:Product {" in prompt and "(:Product)-[:SHIPS_TO]->(:Country)" in prompt
        for personal in ("Shopper", "INTERACTED", "WROTE", "LIVES_IN"):
            assert (personal in prompt) is shown, (role, personal)


class CountingDriver:
    """The real async driver, counting each time a statement containing ``marker`` is sent."""

    def __init__(self, driver: Any, marker: str) -> None:
        self.driver, self.marker, self.runs = driver, marker, 0

    def session(self, **config: Any) -> _CountingSession:
        return _CountingSession(self, self.driver.session(**config))

    def count(self, query: Any) -> None:
        text = getattr(query, "text", query)
        if self.marker in str(text) and not str(text).startswith("EXPLAIN"):
            self.runs += 1


class _CountingSession:
    def __init__(self, owner: CountingDriver, session: Any) -> None:
        self.owner, self.session = owner, session

    async def __aenter__(self) -> Self:
        await self.session.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.session.__aexit__(*exc)

    async def run(self, query: Any, *args: Any, **kwargs: Any) -> Any:
        self.owner.count(query)
        return await self.session.run(query, *args, **kwargs)

    async def execute_read(self, work: Any, *args: Any, **kwargs: Any) -> Any:
        async def counted(tx: Any, *a: Any, **k: Any) -> Any:
            original = tx.run

            async def run(query: Any, *ra: Any, **rk: Any) -> Any:
                self.owner.count(query)
                return await original(query, *ra, **rk)
            tx.run = run
            return await work(tx, *a, **k)
        return await self.session.execute_read(counted, *args, **kwargs)

    execute_write = execute_read


def test_a_statement_that_exhausts_the_memory_pool_runs_exactly_once(planted, settings):
    """A retryable server error (memory pool exhausted) must not be retried for model Cypher."""
    # 400-character strings fill the pool (about 540 MB on the test server) in a few seconds.
    heavy = f"UNWIND range(1, 40000000) AS x RETURN size(collect('{'x' * 400}' + x)) AS n"
    patient = settings.model_copy(update={"query_timeout_s": 60.0})  # the pool, not the clock

    async def go():
        real = open_async_driver(patient, connect_timeout_s=5, retry_time_s=30)
        counting = CountingDriver(real, "range(1, 40000000)")
        try:
            outcome = await run_guarded(api_session(counting, patient), patient, heavy, "admin")
        finally:
            await real.close()
        return outcome, counting.runs

    outcome, runs = run_with_session(settings, lambda _: go())
    assert outcome.guard == "database", outcome.refused
    assert "MemoryPoolOutOfMemoryError" in outcome.refused  # a TransientError: drivers retry those
    assert runs == 1


def test_graphql_says_which_guard_refused(client, settings):
    if settings.nlq_backend != "rules":
        pytest.skip("needs the rules backend, with which ask has no model to write Cypher")
    body = data(gql(client, '{ ask(question: "How many products?") { cypher refused guard } }',
                    headers=manager()))["ask"]
    assert body["cypher"] is None and body["refused"] and body["guard"] == "model"
