"""What a search costs, not what it answers: plans Neo4j can reuse, and each text embedded once.

Neo4j caches a statement's plan per query text and parameter types (null, a number, a list of a
given size bucket, ...). The search statements took their filters one by one, so nearly every
new shape of query (a colour or none, a price or none, one category id or two, the ids of five
or fifty products holding the words) was planned anew: up to seconds each on a busy machine, the
p95 of the third outside world (bench/RESULTS.md, "Search speed"). Here every search statement
must reach Neo4j with one parameter type per parameter, whatever the query. And a query text is
embedded once, while the answers still follow the catalog. The shop here is made up for these tests.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import pytest
from graph_support import run_with_session

from api.nlq.lexicon_store import forget_lexicons
from api.nlq.search import search_products
from graph.driver import run_auto, write
from language.embedders import get_embedder
from loaders.catalog import load_catalog
from loaders.text_index import build_text_index
from statements import cypher_file

PREFIX = "nlqs-"
SEARCH_STATEMENTS = ("queries/search_products", "queries/search_unembedded",
                     "queries/nlq_categories_by_titles")


def _files(products: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    return {
        "categories": [{"id": f"{PREFIX}kites", "names": {"en": "Stunt kites", "de": "Lenkdrachen"}},
                       {"id": f"{PREFIX}reels", "names": {"en": "Kite reels", "de": "Drachenrollen"}}],
        "brands": [{"id": f"{PREFIX}brand", "name": "Ventoroso", "aliases": []}],
        "countries": [{"code": "XS", "name": "Nlqsland", "currency": "XSC", "languages": ["en"]}],
        "exchange_rates": [{"currency": "XSC", "rate": 1.0, "date": "2026-12-01"}],
        "products": products,
        "shipping": [{"product_id": p["id"], "country": "XS", "days": 3, "cost": 1.0}
                     for p in products],
    }


def _product(i: int, category: str, colour: str, title: str) -> dict[str, Any]:
    return {"id": f"{PREFIX}p{i}", "brand_id": f"{PREFIX}brand", "category_id": f"{PREFIX}{category}",
            "price": 10.0 + 7 * i, "currency": "EUR", "colour": colour,
            "titles": {"en": f"{title} {i}", "de": f"{title} Modell {i}"}}


def _load(driver, settings, folder, products: list[dict[str, Any]]) -> None:
    for name, rows in _files(products).items():
        (folder / f"{name}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    report = load_catalog(driver, settings, folder, progress=False)
    assert report.quarantined == 0, report.to_json()
    build_text_index(driver, settings, prefix=PREFIX, progress=False)


@pytest.fixture
def shop(driver, settings, tmp_path):
    products = ([_product(i, "kites", ("red", "blue")[i % 2], "Delta stunt kite") for i in range(6)]
                + [_product(i, "reels", "black", "Kite line reel") for i in range(6, 9)])
    _load(driver, settings, tmp_path, products)
    forget_lexicons()
    yield tmp_path, products
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)
    write(driver, cypher_file("text_test_cleanup"), settings.neo4j_database, countries=["XS"],
          currencies=["XSC"])
    forget_lexicons()


class TypeRecordingSession:
    """The request's real graph session, noting the parameter types each statement was sent."""

    def __init__(self, session: Any, seen: dict[str, set]) -> None:
        self._session, self._seen = session, seen

    async def read(self, name: Any, **params: Any) -> list[dict[str, Any]]:
        self._seen[str(name)].add(tuple(sorted((k, _cypher_type(v)) for k, v in params.items())))
        return await self._session.read(name, **params)


def _cypher_type(value: Any) -> Any:
    """The type Neo4j keys its plan cache on: a list's length counts (it buckets sizes)."""
    if isinstance(value, list):
        return ("list", len(value))
    return type(value).__name__


def search(settings, query: str, *, seen: dict[str, set] | None = None, ship_to: str | None = None):
    def work(graph):
        reader = graph if seen is None else TypeRecordingSession(graph, seen)
        return search_products(reader, settings, query=query, first=5, lang="en", ship_to=ship_to,
                               currency=None, shopper_id=None)
    return run_with_session(settings, work)


def test_every_search_statement_gets_one_parameter_type_whatever_the_query(shop, settings):
    seen: dict[str, set] = defaultdict(set)
    # A category alone, with a colour, with a price in whole and in broken euros, a brand, words
    # no category names (text ids, then close matches excluding what was shown), a destination.
    for query, ship_to in (("stunt kite", None), ("red stunt kite", None),
                           ("stunt kite under 30 EUR", None), ("kite reel under 62.5 EUR", None),
                           ("Ventoroso", None), ("delta", None), ("Ventoroso delta line", None),
                           ("blue stunt kite", "XS")):
        search(settings, query, seen=seen, ship_to=ship_to)
    for name in SEARCH_STATEMENTS:
        assert len(seen[name]) == 1, (name, seen[name])


def test_a_query_is_embedded_once_and_its_answer_still_follows_the_catalog(
        shop, driver, settings, monkeypatch):
    embedder = get_embedder(settings)
    texts: list[str] = []
    real_query = embedder.query

    def counting_query(batch: list[str]):
        texts.extend(batch)
        return real_query(batch)

    monkeypatch.setattr(embedder, "query", counting_query)
    first = search(settings, "Drachenrollen")
    assert "Drachenrollen" in texts
    texts.clear()
    again = search(settings, "Drachenrollen")
    assert "Drachenrollen" not in texts  # the vector came from the cache
    assert again.matching_ids == first.matching_ids
    folder, products = shop
    # A new reel in the catalog: the same query, its vector cached, must find it.
    _load(driver, settings, folder, [*products, _product(9, "reels", "black", "Kite line reel")])
    after = search(settings, "Drachenrollen")
    assert f"{PREFIX}p9" in after.matching_ids and f"{PREFIX}p9" not in first.matching_ids
