"""Destinations in any of the seven languages: every ISO country's CLDR name, behind the
prepositions shoppers write ("nach Kenia", "vers le Japon", "para Brasil", "寄到肯尼亚")."""

from __future__ import annotations

import pytest

from api.nlq.lexicon import build_lexicon, country_names, phrase_key
from api.nlq.rules import parse

NAMES = country_names()
LEXICON = build_lexicon([], [], [{"code": code, "name": names["en"]} for code, names in NAMES.items()], [], {})
# How shoppers put a destination, per language ({} is the country's name).
PHRASES = {
    "en": ["running shoes ship to {}", "backpack delivered to {}"],
    "de": ["Laufschuhe nach {}", "Rucksack Lieferung nach {}"],
    "es": ["zapatillas para {}", "mochila envío a {}"],
    "fr": ["sac à dos vers {}", "chaussures livraison en {}"],
    "pt": ["tênis para {}", "mochila entrega em {}"],
    "zh": ["跑步鞋寄到{}", "背包送到{}"],
    "ja": ["ランニングシューズ{}まで", "リュック{}へ配送"],
}


def _destination(query: str, lang: str) -> tuple[list[str], list[str]]:
    intent = parse(query, lang, LEXICON)
    codes = [m.value for m in LEXICON.lookup(intent.ship_to or "", "country")]
    return codes, intent.keywords


def test_the_table_holds_every_iso_country_in_seven_languages():
    assert len(NAMES) == 249
    assert all(sorted(names) == sorted(PHRASES) and all(names.values()) for names in NAMES.values())


@pytest.mark.parametrize("lang", sorted(PHRASES))
def test_every_country_is_understood_behind_every_preposition(lang):
    missed = []
    for code, names in NAMES.items():
        name = names[lang]
        if not LEXICON.lookup(name, "country"):
            continue  # a two-kana Japanese name, left out on purpose (see the next test)
        # Several countries may share a name's key (CLDR's "Congo" in some languages): any of them.
        for pattern in PHRASES[lang]:
            codes, _ = _destination(pattern.format(name), lang)
            if code not in codes:
                missed.append((code, pattern.format(name), codes))
    assert not missed, missed[:10]


@pytest.mark.parametrize(("query", "lang", "code"), [
    ("Laufschuhe nach Kenia", "de", "KE"), ("un sac vers le Japon", "fr", "JP"),
    ("mochila para Brasil", "es", "BR"), ("寄到肯尼亚的背包", "zh", "KE"),
    ("livraison vers l'Allemagne", "fr", "DE"), ("envio para o Quênia", "pt", "KE"),
    ("ケニアまで送る", "ja", "KE"), ("jacket shipped to the United States", "en", "US"),
    ("zapatillas hacia Perú", "es", "PE"), ("Rucksack in die Schweiz", "de", "CH"),
])
def test_destinations_leave_no_preposition_behind_as_a_keyword(query, lang, code):
    codes, keywords = _destination(query, lang)
    assert codes == [code]
    leftovers = {phrase_key(k) for k in keywords}
    assert not leftovers & {"nach", "vers", "le", "para", "o", "寄到", "まで", "to", "the", "hacia", "ins", "l"}


def test_a_short_kana_name_never_matches_inside_another_word():
    # タイ (Thailand) sits inside ネクタイ (necktie) and タイツ (tights).
    for query in ("赤いネクタイ", "黒いタイツ"):
        assert parse(query, "ja", LEXICON).ship_to is None
