"""``borderless enrich`` against a fake OpenAI-compatible endpoint and the real Neo4j: words per
category and language, title translations, provenance, caching by content hash, resuming after
a failure, corrections that win forever, and the model's answers validated item by item."""

from __future__ import annotations

import json
import re

import pytest

from api.nlq.lexicon import build_lexicon
from borderless.errors import ModelError
from fake_chat import FakeChat
from graph.driver import read, run_auto, write
from language.enrichment import LANGUAGE_NAMES
from loaders.catalog import load_catalog
from loaders.enrich import enrich
from statements import cypher_file

PREFIX = "enr-"
LANG_OF = {name: code for code, name in LANGUAGE_NAMES.items()}
# What the fake model answers per category (the last name in the prompt's path) and language.
WORDS = {
    "Enr lamps": {"en": ("lamp", ["desk light", "lamps"]), "de": ("Lampe", ["Leuchte", "Lampen"]),
                  "es": ("lámpara", ["flexo", "lámparas"]), "fr": ("lampe", ["luminaire", "lampes"]),
                  "pt": ("luminária", ["abajur", "candeeiro"]), "zh": ("台灯", ["灯具"]),
                  "ja": ("ランプ", ["電気スタンド"])},
    "Enr home": {"en": ("home", ["homeware"]), "de": ("Wohnen", ["Haushalt"]), "es": ("hogar", ["casa"]),
                 "fr": ("maison", ["déco"]), "pt": ("casa", ["lar"]), "zh": ("家居", ["家用"]),
                 "ja": ("ホーム", ["家庭用品"])},
}
TITLE_MARK = {"zh": "台灯", "ja": "ランプ"}


def _found(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    assert match, (pattern, text)
    return match.group(1)


def good_answer(system: str, user: str) -> str:
    if user.startswith("Translate"):
        lang = LANG_OF[_found(r" to (.+):", user)]
        title = user.split("\n", 1)[1]
        return json.dumps({"title": f"{TITLE_MARK.get(lang, lang.upper())} {title}"}, ensure_ascii=False)
    category = _found(r"Category: (.+)", user).split(" > ")[-1]
    lang = LANG_OF[_found(r"Language: (.+)", user)]
    name, words = WORDS[category][lang]
    return "```json\n" + json.dumps({"name": name, "words": words}, ensure_ascii=False) + "\n```"


@pytest.fixture
def shop(driver, settings, tmp_path):
    rows = {
        "brands": [{"id": f"{PREFIX}brand", "name": "Enrbrand"}],
        "categories": [{"id": f"{PREFIX}home", "names": {"en": "Enr home"}},
                       {"id": f"{PREFIX}lamps", "parent_id": f"{PREFIX}home", "names": {"en": "Enr lamps"}},
                       {"id": f"{PREFIX}unused", "parent_id": f"{PREFIX}home", "names": {"en": "Enr unused"}}],
        "products": [{"id": f"{PREFIX}p1", "brand_id": f"{PREFIX}brand", "category_id": f"{PREFIX}lamps",
                      "price": 10.0, "currency": "EUR", "titles": {"en": "Lumo desk lamp"}},
                     {"id": f"{PREFIX}p2", "brand_id": f"{PREFIX}brand", "category_id": f"{PREFIX}lamps",
                      "price": 12.0, "currency": "EUR",
                      "titles": {"en": "Lumo floor lamp", "de": "Lumo Stehlampe"}}],
    }
    for entity, items in rows.items():
        (tmp_path / f"{entity}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in items), encoding="utf-8")
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)
    assert load_catalog(driver, settings, tmp_path, progress=False).quarantined == 0
    yield
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)


@pytest.fixture
def fake():
    chat = FakeChat(good_answer)
    yield chat
    chat.close()


def _wordings(driver, settings) -> dict[str, dict]:
    rows = driver.execute_query(
        "MATCH (w:Wording)-[:WORDS_FOR]->(c:Category) WHERE c.id STARTS WITH $prefix "
        "RETURN w {.*, category: c.id, at: toString(w.at)} AS w", prefix=PREFIX,
        database_=settings.neo4j_database).records
    return {r["w"]["id"]: r["w"] for r in rows}


def _translations(driver, settings) -> dict[str, dict]:
    rows = driver.execute_query(
        "MATCH (t:Translation)-[:TRANSLATES]->(p:Product) WHERE p.id STARTS WITH $prefix "
        "RETURN t {.*, at: toString(t.at)} AS t", prefix=PREFIX, database_=settings.neo4j_database).records
    return {r["t"]["id"]: r["t"] for r in rows}


def _node_count(driver, settings) -> int:
    return driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=settings.neo4j_database).records[0]["n"]


def test_every_used_category_and_ancestor_gets_words_in_seven_languages_with_provenance(
        shop, fake, driver, settings):
    report = enrich(driver, settings, fake.model(), prefix=PREFIX, progress=False)
    words = _wordings(driver, settings)
    # lamps and its ancestor home, in every language; "unused" holds no product and is skipped.
    assert sorted(words) == sorted(f"{PREFIX}{c}|{lang}" for c in ("home", "lamps") for lang in LANGUAGE_NAMES)
    fr = words[f"{PREFIX}lamps|fr"]
    assert (fr["name"], fr["words"], fr["lang"]) == ("lampe", ["luminaire", "lampes"], "fr")
    assert (fr["source"], fr["model"]) == ("machine", "openai:fake-enricher")
    assert fr["at"] and len(fr["source_hash"]) == 32
    # The ancestor's prompt carries its own path, the child's the whole path from the root.
    assert any(q.startswith("Category: Enr home > Enr lamps\n") for q in fake.asked)
    # Titles: p1 lacks six languages, p2 five (it has en and de); each from English.
    titles = _translations(driver, settings)
    assert len(titles) == 11
    assert titles[f"{PREFIX}p1|title|zh"]["text"] == "台灯 Lumo desk lamp"
    assert titles[f"{PREFIX}p2|title|fr"] | {"at": None} == {
        "id": f"{PREFIX}p2|title|fr", "field": "title", "lang": "fr", "from_lang": "en",
        "text": "FR Lumo floor lamp", "source": "machine", "model": "openai:fake-enricher",
        "source_hash": titles[f"{PREFIX}p2|title|fr"]["source_hash"], "at": None}
    assert f"{PREFIX}p2|title|de" not in titles  # the shop's own German title stays the only one
    assert report.parts["categories"].written == 14 and report.parts["titles"].written == 11


def test_a_rerun_asks_only_for_what_changed(shop, fake, driver, settings):
    enrich(driver, settings, fake.model(), prefix=PREFIX, progress=False)
    first = _wordings(driver, settings)
    fake.asked.clear()
    report = enrich(driver, settings, fake.model(), prefix=PREFIX, progress=False)
    assert fake.asked == []
    assert report.parts["categories"].cached == 14 and report.parts["titles"].cached == 11
    # The shop renames one category and one title: only those items are asked again.
    driver.execute_query("MATCH (c:Category {id: $c}) SET c.name_fr = 'Lampes Enr' "
                         "WITH 1 AS x MATCH (p:Product {id: $p}) SET p.title_en = 'Lumo reading lamp'",
                         c=f"{PREFIX}lamps", p=f"{PREFIX}p1", database_=settings.neo4j_database)
    report = enrich(driver, settings, fake.model(), prefix=PREFIX, progress=False)
    assert len(fake.asked) == 7 + 6
    assert all("Enr lamps" in q and "Lampes Enr" in q for q in fake.asked[:7])
    assert report.parts["categories"].cached == 7 and report.parts["titles"].cached == 5
    assert _wordings(driver, settings)[f"{PREFIX}home|de"]["at"] == first[f"{PREFIX}home|de"]["at"]
    # Another model is another content: everything is asked again.
    fake.asked.clear()
    enrich(driver, settings, fake.model("bigger-model"), prefix=PREFIX, parts=("categories",), progress=False)
    assert len(fake.asked) == 14


def test_a_run_that_fails_half_way_keeps_its_answers_and_the_next_resumes(shop, driver, settings):
    answered = 0

    def fails_after_five(system: str, user: str) -> str | None:
        nonlocal answered
        answered += 1
        return good_answer(system, user) if answered <= 5 else None

    broken = FakeChat(fails_after_five)
    small_batches = settings.model_copy(update={"enrich_batch_size": 2})
    try:
        with pytest.raises(ModelError, match=r"3 times in a row.*rerun to resume"):
            enrich(driver, small_batches, broken.model(), prefix=PREFIX, parts=("categories",), progress=False)
    finally:
        broken.close()
    assert len(_wordings(driver, settings)) == 5
    healthy = FakeChat(good_answer)
    try:
        report = enrich(driver, settings, healthy.model(), prefix=PREFIX, parts=("categories",), progress=False)
    finally:
        healthy.close()
    assert len(healthy.asked) == 9 and report.parts["categories"].cached == 5
    assert len(_wordings(driver, settings)) == 14


def test_a_reviewed_entry_is_never_asked_for_or_overwritten(shop, fake, driver, settings):
    enrich(driver, settings, fake.model(), prefix=PREFIX, parts=("categories",), progress=False)
    write(driver, "writes/api_review_category_words", settings.neo4j_database, category=f"{PREFIX}lamps",
          id=f"{PREFIX}lamps|fr", lang="fr", usual_name="lampe", words=["lampe de bureau", "liseuse"],
          text="lampe | lampe de bureau | liseuse", reviewer="key:catalog_manager")
    # Even after the category changes (its hash with it), and with another model.
    driver.execute_query("MATCH (c:Category {id: $c}) SET c.name_de = 'Enr Lampen'", c=f"{PREFIX}lamps",
                         database_=settings.neo4j_database)
    fake.asked.clear()
    report = enrich(driver, settings, fake.model("other"), prefix=PREFIX, parts=("categories",), progress=False)
    assert report.parts["categories"].reviewed_kept == 1
    assert not any("Enr lamps" in q and "Language: French" in q for q in fake.asked)
    fr = _wordings(driver, settings)[f"{PREFIX}lamps|fr"]
    assert (fr["source"], fr["words"], fr["reviewed_by"]) == ("reviewed", ["lampe de bureau", "liseuse"],
                                                              "key:catalog_manager")
    # The enrichment statement itself refuses to overwrite it, whoever calls it.
    write(driver, "writes/enrich_category_words", settings.neo4j_database, rows=[{
        "category": f"{PREFIX}lamps", "id": f"{PREFIX}lamps|fr", "lang": "fr", "name": "x", "words": [],
        "text": "x", "model": "m", "hash": "h"}])
    assert _wordings(driver, settings)[f"{PREFIX}lamps|fr"]["name"] == "lampe"
    # Browser's review query lists what is still machine-written, not the reviewed entry.
    listed = read(driver, "manager/enrichment_to_review", settings.neo4j_database, lang="fr", limit=500)
    mine = {r["category"] for r in listed if r["category"].startswith(PREFIX)}
    assert mine == {f"{PREFIX}home"}


def test_bad_answers_are_rejected_item_by_item_and_never_run(shop, driver, settings):
    bad = {
        "de": "Sure! Here are some German words: Lampe, Leuchte",           # no JSON at all
        "es": '{"name": "lámpara", "words": ["luz",}',                      # broken JSON
        "zh": '{"name": "ランプ", "words": ["灯具"]}',                      # Japanese kana in Chinese
        "ja": '{"name": "lamp", "words": ["light"]}',                      # Latin where Japanese belongs
        "fr": '{"name": "lampe\'}) DETACH DELETE n //", "words": []}',     # statement text
        "pt": '{"name": "luminária", "words": ["abajur", "<script>", "Лампа", 7, "candeeiro"]}',
    }

    def answer(system: str, user: str) -> str:
        lang = LANG_OF[_found(r"Language: (.+)", user)]
        return bad.get(lang) or good_answer(system, user) if "Enr lamps" in user else good_answer(system, user)

    chat = FakeChat(answer)
    nodes_before = _node_count(driver, settings)
    try:
        report = enrich(driver, settings, chat.model(), prefix=PREFIX, parts=("categories",), progress=False)
    finally:
        chat.close()
    counts = report.parts["categories"]
    assert (counts.items, counts.written, counts.rejected) == (14, 9, 5)
    reasons = "\n".join(report.rejections)
    for item, why in (("de", "no JSON object"), ("es", "not valid JSON"), ("zh", "not written in Simplified Chinese"),
                      ("ja", "not written in Japanese"), ("fr", "markup or code")):
        assert re.search(rf"{PREFIX}lamps\|{item}.*{why}", reasons), (item, reasons)
    words = _wordings(driver, settings)
    assert {k.split("|")[1] for k in words if k.startswith(f"{PREFIX}lamps")} == {"en", "pt"}
    assert words[f"{PREFIX}lamps|pt"]["words"] == ["abajur", "candeeiro"]  # the junk words dropped
    assert _node_count(driver, settings) == nodes_before + 9  # the wordings, nothing else
    # A rejected item has no answer yet, so the next run asks for it again.
    chat = FakeChat(good_answer)
    try:
        enrich(driver, settings, chat.model(), prefix=PREFIX, parts=("categories",), progress=False)
    finally:
        chat.close()
    assert len(chat.asked) == 5


def test_search_understands_the_enriched_words(shop, fake, driver, settings):
    enrich(driver, settings, fake.model(), prefix=PREFIX, parts=("categories",), progress=False)
    rows = [r for r in read(driver, "queries/nlq_lexicon_categories", settings.neo4j_database)
            if r["id"].startswith(PREFIX)]
    lexicon = build_lexicon([], rows, [], [], {})
    for word in ("luminaires", "Leuchte", "abajur", "灯具", "電気スタンド", "flexo"):
        assert [m.value for m in lexicon.lookup(word, "category")] == [f"{PREFIX}lamps"], word
    # Full-text (the fuzzy fallback) finds a category by an enriched word with a typo.
    found = read(driver, "queries/nlq_categories_fulltext", settings.neo4j_database, text="luminaira~1", k=3)
    assert found and found[0]["id"] == f"{PREFIX}lamps"


def test_an_enriched_word_never_changes_what_a_phrase_already_means(shop, driver, settings):
    rows = [{"id": f"{PREFIX}lamps", "name": "Enr lamps", "names": [["en", "Enr lamps"]],
             "words": [["en", ["lamp", "gift", "red", "Enrbrand", "Enr home"]]]},
            {"id": f"{PREFIX}home", "name": "Enr home", "names": [["en", "Enr home"]], "words": []}]
    lexicon = build_lexicon([{"id": f"{PREFIX}brand", "name": "Enrbrand"}], rows, [], [],
                            {"colour": ["red"]})
    assert lexicon.lookup("gift") and not lexicon.lookup("gift", "category")
    assert [m.kind for m in lexicon.lookup("red")] == ["colour"]
    assert [m.kind for m in lexicon.lookup("Enrbrand")] == ["brand"]
    assert [m.value for m in lexicon.lookup("Enr home", "category")] == [f"{PREFIX}home"]
    assert [m.value for m in lexicon.lookup("lamps", "category")] == [f"{PREFIX}lamps"]


@pytest.mark.model
def test_the_embedded_model_enriches_a_category_end_to_end(shop, driver, settings):
    from language.llm import language_model

    model = language_model(settings, "local")
    report = enrich(driver, settings, model, prefix=PREFIX, parts=("categories",), languages=("de", "ja"),
                    progress=False)
    counts = report.parts["categories"]
    assert counts.items == 4 and counts.written + counts.rejected + counts.failed == 4, report
    assert counts.failed == 0, report
    for wording in _wordings(driver, settings).values():
        assert wording["source"] == "machine" and wording["model"].startswith("local:")
        assert wording["name"] and all(isinstance(w, str) for w in wording["words"])


def test_an_answer_cut_off_in_its_word_list_keeps_its_complete_words():
    from language.enrichment import EnrichmentRejected, parse_category_words

    # A small model lists words until max_tokens cuts it off: the complete ones are kept.
    cut = '```json\n{"name": "Lampe", "words": ["Leuchte", "Lampen", "Schreibtischlam'
    assert parse_category_words(cut, "de", "x|de").words == ("Leuchte", "Lampen")
    for hopeless in ('{"name": "Lam', '{"name": "Lampe", "words": ["Leu', "Lampe, Leuchte"):
        with pytest.raises(EnrichmentRejected, match="no JSON object"):
            parse_category_words(hopeless, "de", "x|de")


def test_reviews_are_translated_when_asked_for_newest_first_and_cached(shop, fake, driver, settings, tmp_path):
    rows = {
        "countries": [{"code": "XR", "name": "Enrland", "currency": "EUR", "languages": ["de"]}],
        "shoppers": [{"id": f"{PREFIX}s1", "country": "XR", "language": "de", "currency": "EUR"}],
        "reviews": [{"id": f"{PREFIX}r{i}", "shopper_id": f"{PREFIX}s1", "product_id": f"{PREFIX}p1",
                     "rating": 4, "lang": "de", "text": f"Sehr helle Lampe,\nNummer {i}.",
                     "at": f"2026-11-0{i}T10:00:00Z"} for i in range(1, 4)],
    }
    for entity, items in rows.items():
        (tmp_path / f"{entity}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in items), encoding="utf-8")
    try:
        assert load_catalog(driver, settings, tmp_path, progress=False).quarantined == 0
        # Not part of a default run: a shop has many reviews, and each is a model call.
        report = enrich(driver, settings, fake.model(), prefix=PREFIX, progress=False)
        assert "reviews" not in report.parts
        fake.asked.clear()
        report = enrich(driver, settings, fake.model(), prefix=PREFIX, parts=("reviews",),
                        languages=("fr", "de"), reviews_per_product=2, progress=False)
        done = driver.execute_query(
            "MATCH (t:Translation)-[:TRANSLATES]->(rv:Review) WHERE rv.id STARTS WITH $prefix "
            "RETURN t.id AS id, t.text AS text, t.field AS field, t.from_lang AS from_lang",
            prefix=PREFIX, database_=settings.neo4j_database).records
        # The two newest reviews, into French only (they are written in German), on one line.
        assert {r["id"]: (r["text"], r["field"], r["from_lang"]) for r in done} == {
            f"{PREFIX}r3|text|fr": ("FR Sehr helle Lampe, Nummer 3.", "text", "de"),
            f"{PREFIX}r2|text|fr": ("FR Sehr helle Lampe, Nummer 2.", "text", "de")}
        assert report.parts["reviews"].written == 2 and len(fake.asked) == 2
        fake.asked.clear()
        again = enrich(driver, settings, fake.model(), prefix=PREFIX, parts=("reviews",),
                       languages=("fr", "de"), reviews_per_product=2, progress=False)
        assert fake.asked == [] and again.parts["reviews"].cached == 2
    finally:
        driver.execute_query("MATCH (c:Country {code: 'XR'}) DETACH DELETE c", database_=settings.neo4j_database)
