"""``load taxonomy`` against the real Neo4j: counts match the files, a reload changes nothing,
every language's name lands, and bad lines are quarantined while good ones load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from neo4j import Driver

from borderless.settings import Settings
from graph.driver import read, run_auto
from loaders.taxonomy import TAXONOMY_FILES, load_taxonomy, read_taxonomy
from statements import cypher_file


def _taxonomy_dir(settings: Settings) -> Path:
    return settings.shared_data_dir / "taxonomy"


def _lines(path: Path) -> int:
    with path.open(encoding="utf-8") as f:
        return sum(1 for line in f if line.strip() and not line.startswith("#"))


def _snapshot(driver: Driver, settings: Settings, prefix: str = "gpt:") -> dict[str, dict]:
    """Every category under the id prefix: properties and links, by id."""
    rows = read(driver, cypher_file("subgraph_snapshot"), settings.neo4j_database, prefix=prefix)
    # Only categories: other nodes may carry a category's id in theirs (a return policy
    # "gpt:3495@DE", a category's machine wording "gpt:187|de").
    return {row["props"]["id"]: json.loads(json.dumps(row, default=str)) for row in rows
            if "Category" in row["labels"]}


@pytest.fixture(scope="module")
def loaded(driver: Driver, settings: Settings):
    report = load_taxonomy(driver, settings, progress=False)
    return report


def test_counts_match_the_files(loaded, driver: Driver, settings: Settings) -> None:
    english = _lines(_taxonomy_dir(settings) / TAXONOMY_FILES["en"])
    assert loaded.exit_code() == 0 and loaded.quarantined == 0
    assert loaded.entities["categories"].loaded == english
    others = sum(_lines(_taxonomy_dir(settings) / name) for lang, name in TAXONOMY_FILES.items() if lang != "en")
    assert loaded.entities["names"].loaded == others
    snap = _snapshot(driver, settings)
    assert len(snap) == english
    roots = [c for c in snap.values() if c["props"]["level"] == 1]
    assert 15 < len(roots) < 30 and all(not c["rels"] for c in roots)
    # Every other category has exactly one parent, one level up.
    for cat in snap.values():
        if cat["props"]["level"] > 1:
            (link,) = cat["rels"]
            assert link["type"] == "SUBCATEGORY_OF"
            assert snap[link["to"]]["props"]["level"] == cat["props"]["level"] - 1


def test_reload_changes_nothing(loaded, driver: Driver, settings: Settings) -> None:
    before = _snapshot(driver, settings)
    again = load_taxonomy(driver, settings, progress=False)
    assert again.exit_code() == 0
    assert _snapshot(driver, settings) == before


def test_names_in_every_language(loaded, driver: Driver, settings: Settings) -> None:
    snap = _snapshot(driver, settings, "gpt:")
    tents = snap["gpt:1022"]["props"]
    assert (tents["name_en"], tents["name_es"], tents["name_pt"], tents["name_de"]) == (
        "Tents", "Tiendas de campaña", "Barracas", "Zelte")
    assert tents["level"] == 4
    assert tents["path_en"] == "Sporting Goods > Outdoor Recreation > Camping & Hiking > Tents"
    assert [r["to"] for r in snap["gpt:1022"]["rels"]] == ["gpt:1013"]
    # Headlamps came after the 2015 German edition: English name, no German one.
    headlamps = snap["gpt:2454"]["props"]
    assert headlamps["name_en"] == "Headlamps" and "name_de" not in headlamps


def _write_bad_taxonomy(folder: Path) -> None:
    (folder / "en-US.taxo.csv").write_text(
        "990001;Testing Goods;;;\r\n"
        "990002;Testing Goods;Widgets;;\r\n"
        "abc;Testing Goods;Broken;;\r\n"  # id not a number
        "990003;Testing Goods;;Gap\r\n"  # empty level inside the path
        "990004;Testing Goods;Orphans;Lost\r\n"  # parent path has no line
        "990002;Testing Goods;Again;;\r\n",  # duplicate id
        encoding="utf-8")
    (folder / "es-ES.taxo.csv").write_text(
        "990001;Artículos de prueba;;;\n990002;Artículos de prueba;Aparatos;;\n"
        "990999;Desconocido;;;\n", encoding="utf-8")  # not in the English tree
    (folder / "pt-BR.taxo.csv").write_text("990001;Artigos de teste;;;\n", encoding="utf-8")
    (folder / "taxonomy-with-ids.de-DE.txt").write_text(
        "# Google_Product_Taxonomy_Version: test\n990001 - Testwaren\n"
        "990002 - Testwaren > Geräte\nkaputt ohne Trenner\n", encoding="utf-8")


def test_bad_lines_are_quarantined_and_good_ones_load(driver: Driver, settings: Settings,
                                                      tmp_path: Path) -> None:
    _write_bad_taxonomy(tmp_path)
    reasons = {(r.file, r.line): r.reason for r in read_taxonomy(tmp_path).rejected}
    assert "number" in reasons[("en-US.taxo.csv", 3)]
    assert "empty level" in reasons[("en-US.taxo.csv", 4)]
    assert "parent category 'Testing Goods > Orphans'" in reasons[("en-US.taxo.csv", 5)]
    assert "duplicate id 990002" in reasons[("en-US.taxo.csv", 6)]
    assert "990999 is not in en-US.taxo.csv" in reasons[("es-ES.taxo.csv", 3)]
    assert "expected '<numeric id> - " in reasons[("taxonomy-with-ids.de-DE.txt", 4)]
    quarantine = tmp_path / "quarantine.jsonl"
    try:
        report = load_taxonomy(driver, settings, tmp_path, quarantine, progress=False)
        assert report.exit_code() != 0
        assert report.entities["categories"].loaded == 2
        assert report.quarantined == len(reasons) == 6
        lines = [json.loads(line) for line in quarantine.read_text(encoding="utf-8").splitlines()]
        assert {(q["file"], q["line"]) for q in lines} == set(reasons)
        snap = _snapshot(driver, settings, "gpt:99000")
        assert sorted(snap) == ["gpt:990001", "gpt:990002"]
        widgets = snap["gpt:990002"]
        assert (widgets["props"]["name_de"], widgets["props"]["name_es"]) == ("Geräte", "Aparatos")
        assert "name_pt" not in widgets["props"]
        assert [r["to"] for r in widgets["rels"]] == ["gpt:990001"]
    finally:
        run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix="gpt:99000")


def test_missing_english_file_is_a_clear_error(tmp_path: Path) -> None:
    from borderless.errors import LoadError

    with pytest.raises(LoadError, match="English taxonomy file is missing"):
        read_taxonomy(tmp_path)
