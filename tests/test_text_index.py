"""``load text-index``: bar totals match what is paged, identical texts share one embedding, and
a product passage keeps every fact search needs while saying each only once."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st

from graph.driver import run_auto, write
from language.embedders import get_embedder
from loaders.catalog import load_catalog
from loaders.text_index import (DESCRIPTION_CHARS, _Deduplicated, build_text_index,
                                count_pending, product_text)
from statements import cypher_file

PREFIX = "tix-"


@pytest.fixture(scope="module")
def small_shop(driver, settings, tmp_path_factory):
    folder = tmp_path_factory.mktemp("text-index")
    rows = {
        "countries": [{"code": "XQ", "name": "Nlqtland", "currency": "XQT", "languages": ["de"]}],
        "exchange_rates": [{"currency": "XQT", "rate": 10.0, "date": "2026-11-01"}],
        "brands": [{"id": f"{PREFIX}brand", "name": "Tixbrand"}],
        "categories": [{"id": f"{PREFIX}cat{n}", "names": {"en": f"Tix things {n}"}} for n in (1, 2, 3)],
        "products": [{"id": f"{PREFIX}p{n}", "brand_id": f"{PREFIX}brand", "category_id": f"{PREFIX}cat{c}",
                      "price": 10.0, "currency": "EUR", "titles": {"en": f"Tix lamp {n}"}}
                     for n, c in ((1, 1), (2, 1), (3, 2))],
        "shoppers": [{"id": f"{PREFIX}s1", "country": "XQ", "language": "de", "currency": "XQT"}],
        "reviews": [
            {"id": f"{PREFIX}r{i}", "shopper_id": f"{PREFIX}s1", "product_id": f"{PREFIX}p{p}",
             "rating": stars, "text": text, "lang": "en", "at": "2026-11-01T10:00:00Z"}
            for i, (p, stars, text) in enumerate([
                (1, 5, "Great quality for the price."), (2, 5, "Great quality for the price."),
                (3, 1, "Poor quality, it broke after a week.")])],
    }
    for entity, items in rows.items():
        (folder / f"{entity}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in items), encoding="utf-8")
    assert load_catalog(driver, settings, folder, progress=False).quarantined == 0
    yield
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)
    write(driver, cypher_file("text_test_cleanup"), settings.neo4j_database, countries=["XQ"],
          currencies=["XQT"])


def _pending(driver, settings, redo: bool = False) -> dict[str, int]:
    name = get_embedder(settings).name
    return {part: count_pending(driver, settings.neo4j_database, f"queries/nlq_{part[:-1]}_texts"
                                if part != "categories" else "queries/nlq_category_texts",
                                redo=redo, prefix=PREFIX, embedder=name)
            for part in ("products", "categories", "reviews")}


def test_bar_totals_are_what_the_pages_then_hold(small_shop, driver, settings):
    # Category 3 holds no product, so it is neither counted nor embedded.
    assert _pending(driver, settings) == {"products": 3, "categories": 2, "reviews": 3}
    report = build_text_index(driver, settings, prefix=PREFIX, progress=False, rated_per_star=0)
    assert {part: report.counts(part).loaded for part in ("products", "categories", "reviews")} == {
        "products": 3, "categories": 2, "reviews": 3}
    assert _pending(driver, settings) == {"products": 0, "categories": 0, "reviews": 0}
    assert _pending(driver, settings, redo=True) == {"products": 3, "categories": 2, "reviews": 3}
    reviews = driver.execute_query(
        "MATCH (r:Review) WHERE r.id STARTS WITH $prefix RETURN r.id AS id, r.sentiment AS s",
        prefix=PREFIX, database_=settings.neo4j_database).records
    scores = {r["id"]: r["s"] for r in reviews}
    # The two reviews with the same words were embedded once and score the same.
    assert scores[f"{PREFIX}r0"] == scores[f"{PREFIX}r1"] != scores[f"{PREFIX}r2"]


class _CountingEmbedder:
    """The real embedder, counting the texts that reach it."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.seen: list[str] = []

    def passage(self, texts):
        self.seen.extend(texts)
        return self.inner.passage(texts)

    def query(self, texts):
        return self.inner.query(texts)


def test_identical_texts_get_identical_vectors_and_are_embedded_once(settings):
    real = get_embedder(settings)
    counting = _CountingEmbedder(real)
    dedup = _Deduplicated(counting)
    texts = ["Fast delivery, very happy.", "Would not buy again.", "Fast delivery, very happy."]
    first = dedup.passage(texts)
    again = dedup.passage(["Would not buy again.", "Highly recommended!"])
    assert counting.seen == ["Fast delivery, very happy.", "Would not buy again.", "Highly recommended!"]
    assert np.array_equal(first[0], first[2]) and not np.array_equal(first[0], first[1])
    assert np.array_equal(again[0], first[1])
    np.testing.assert_allclose(first, real.passage(texts), atol=1e-6)
    assert dedup.passage([]).shape == (0, real.dim)


DEMO_ROW = {
    "title": "Nordvik Lumen desk lamp, red", "brand": "Nordvik", "category": "Desk Lamps",
    "colour": "red", "material": "aluminium",
    "description": "Nordvik Lumen desk lamp, red. Colour: red. Material: aluminium. "
                   "Dimmable in three steps. A great gift for her.",
}


def test_product_passage_holds_every_fact_once_and_the_new_description():
    text = product_text(DEMO_ROW)
    for fact in ("Nordvik Lumen desk lamp, red", "Nordvik", "Desk Lamps", "aluminium",
                 "Dimmable in three steps.", "A great gift for her."):
        assert fact in text
    assert text.count("Lumen") == 1 and "Colour:" not in text
    # A real catalog's description that starts with something new keeps its first sentence.
    row = dict(DEMO_ROW, description="Hand-blown glass shade from Murano. Ships flat.")
    assert "Hand-blown glass shade from Murano." in product_text(row)
    assert product_text({"title": "Only a title"}) == "Only a title"


def test_product_passage_keeps_cjk_descriptions():
    row = {"title": "红色台灯", "brand": "Nordvik", "description": "红色台灯。可调光三档。送礼佳品。"}
    text = product_text(row)
    assert "可调光三档" in text and "送礼佳品" in text and text.count("红色台灯") == 1


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({k: st.text(max_size=40) for k in
                              ("title", "brand", "category", "colour", "material")}),
       st.text(max_size=600))
def test_product_passage_never_loses_a_fact_and_bounds_the_description(facts, description):
    text = product_text({**facts, "description": description})
    for value in facts.values():
        assert value in text
    head = ". ".join(v for v in facts.values() if v)
    assert len(text) <= len(head) + 2 + DESCRIPTION_CHARS
