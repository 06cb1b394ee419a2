"""The rules parser on its own: prices, sizes and dictionary slots per language, no database.

The lexicon here is built from hand-written graph rows, exactly as ``lexicon_store`` builds it
from Neo4j, so what the parser can produce is limited to those rows.
"""

from __future__ import annotations

import pytest

from api.nlq.intent import Intent
from api.nlq.lexicon import build_lexicon, normalise
from api.nlq.prices import find_prices, parse_number
from api.nlq.rules import parse
from api.nlq.understand import merge, parse_model_output

BRANDS = [{"id": "b-nike", "name": "Nike", "aliases": ["Nikey", "耐克", "ナイキ"]},
          {"id": "b-adidas", "name": "Adidas", "aliases": ["阿迪达斯"]},
          {"id": "b-nb", "name": "New Balance", "aliases": ["NB"]}]
CATEGORIES = [{"id": "c-shoes", "name": "Shoes",
               "names": [["en", "Shoes"], ["de", "Schuhe"], ["es", "Calzado"], ["pt", "Sapatos"]]},
              {"id": "c-bags", "name": "Backpacks",
               "names": [["en", "Backpacks"], ["de", "Rucksäcke"], ["es", "Mochilas"]]}]
COUNTRIES = [{"code": c, "name": n} for c, n in (("DE", "Germany"), ("CN", "China"),
             ("MX", "Mexico"), ("JP", "Japan"), ("BR", "Brazil"), ("FR", "France"))]
CURRENCIES = [{"code": c, "rate": r} for c, r in (("EUR", 1.0), ("CNY", 8.25), ("JPY", 178.0),
              ("BRL", 6.25), ("USD", 1.16), ("MXN", 21.4))]
ATTRIBUTES = {"colour": ["red", "blue", "black"], "material": ["leather", "cotton"],
              "size": ["EU 42", "M", "XL"], "gender": ["women", "men"], "age_group": ["adult"]}


@pytest.fixture(scope="module")
def lexicon():
    return build_lexicon(BRANDS, CATEGORIES, COUNTRIES, CURRENCIES, ATTRIBUTES)


def grounded(lexicon, intent: Intent, kind: str, words: list[str] | str | None) -> set[str]:
    words = [words] if isinstance(words, str) else words or []
    return {m.value for w in words for m in lexicon.lookup(w, kind)}


@pytest.mark.parametrize("query, brand, colour, price_max, currency, country", [
    ("rote Nike Laufschuhe unter 80 €", "b-nike", "red", 80, "EUR", None),
    ("red Nikey shoes under $50 shipped to Germany", "b-nike", "red", 50, "USD", "DE"),
    ("zapatillas Nike rojas baratas que lleguen a México", "b-nike", "red", None, None, "MX"),
    ("chaussures Adidas bleues moins de 60 euros livrées en France", "b-adidas", "blue", 60, "EUR", "FR"),
    ("tênis Adidas preto até R$ 300 para o Brasil", "b-adidas", "black", 300, "BRL", "BR"),
    ("适合送爸爸的阿迪达斯登山包 500元以内 寄到上海", "b-adidas", None, 500, "CNY", "CN"),
    ("ナイキ 赤 スニーカー 1万円以下 日本へ", "b-nike", "red", 10000, "JPY", "JP"),
])
def test_slots_per_language(lexicon, query, brand, colour, price_max, currency, country):
    intent = parse(query, None, lexicon)
    assert grounded(lexicon, intent, "brand", intent.brands) == {brand}
    assert grounded(lexicon, intent, "colour", intent.colour) == ({colour} if colour else set())
    assert intent.price_max == price_max
    assert intent.currency == currency
    assert grounded(lexicon, intent, "country", intent.ship_to) == ({country} if country else set())


def test_recipient_occasion_sort_and_german_compounds(lexicon):
    zh = parse("适合送爸爸的登山包 500元以内 寄到上海", "zh", lexicon)
    assert zh.recipient == "爸爸" and "登山包" in zh.keywords
    es = parse("zapatillas de running baratas", "es", lexicon)
    assert es.sort == "price_asc"
    de = parse("Winterschuhe für Herren zum Geburtstag", "de", lexicon)
    assert grounded(lexicon, de, "category", de.categories) == {"c-shoes"}
    assert de.gender == "herren" and de.occasion == "geburtstag"


def test_spelling_variants_of_brands(lexicon):
    assert parse("Addidas running shoes", "en", lexicon).brands == ["adidas"]
    assert parse("new balance 574", "en", lexicon).brands == ["new balance"]
    assert parse("Nikkei index", "en", lexicon).brands == []  # two edits from "nike": not a brand


@pytest.mark.parametrize("text, low, high, currency", [
    ("entre 20 et 40 €", 20, 40, "EUR"),
    ("between 10 and 20 dollars", 10, 20, "USD"),
    ("100到300元的包", 100, 300, "CNY"),
    ("Jacke ab 50€", 50, None, "EUR"),
    ("mochila por menos de 1.299,50 pesos", None, 1299.5, "MXN"),
    ("¥3000以下", None, 3000, "CNY"),
    ("3000円以下のバッグ", None, 3000, "JPY"),
])
def test_price_patterns(lexicon, text, low, high, currency):
    limits = find_prices(normalise(text), lexicon.currency_words, lexicon.currency_rates)
    assert (limits.price_min, limits.price_max, limits.currency) == (low, high, currency)


def test_numbers_without_currency_or_cue_are_not_prices(lexicon):
    for text in ("iphone 15", "size 42 shoes", "ps5 console", "500 piece puzzle"):
        limits = find_prices(normalise(text), lexicon.currency_words)
        assert limits.price_max is None and limits.price_min is None, text


def test_a_currency_the_graph_lacks_is_not_read_as_a_price(lexicon):
    assert find_prices(normalise("under 50 £"), lexicon.currency_words,
                       lexicon.currency_rates).price_max is None
    assert parse("Nike under 50 £", "en", lexicon).price_max is None


def test_parse_number_formats():
    assert parse_number("1.299,99") == 1299.99
    assert parse_number("1,299.99") == 1299.99
    assert parse_number("1,000") == 1000
    assert parse_number("80") == 80


def test_sizes_are_read_after_a_cue_word(lexicon):
    assert parse("Nike shoes size 42", "en", lexicon).size == "42"
    assert parse("Nike Schuhe Größe 42", "de", lexicon).size == "42"
    assert parse("camiseta talla XL", "es", lexicon).size == "xl"
    assert parse("42码 耐克", "zh", lexicon).size == "42"


def test_model_output_is_validated_and_merged_with_rules(lexicon):
    good = parse_model_output('Sure: {"brands": ["Nike"], "price_max": 80, "currency": "EUR"}')
    assert good.brands == ["Nike"] and good.price_max == 80
    for bad in ("no json here", '{"price_max": "cheap"}', '{"unknown": 1}', "[1, 2]", "{oops"):
        with pytest.raises(ValueError):
            parse_model_output(bad)
    rules_intent = parse("rote Nike Laufschuhe unter 80 €", "de", lexicon)
    merged, filled = merge(parse_model_output('{"brands": ["Nike"]}'), rules_intent)
    assert merged.colour == "rote" and merged.price_max == 80 and merged.currency == "EUR"
    assert {"colour", "price_max", "currency"} <= filled and "brands" not in filled


def test_model_slots_without_evidence_in_the_query_are_dropped(lexicon):
    from api.nlq.evidence import keep_evidenced

    query = "blue leather handbag for women under 200 dollars"
    by_rules = parse(query, "en", lexicon)
    # What the real 0.5B model answered once: a brand and a colour it copied from its example.
    invented = parse_model_output('{"categories": ["handbags"], "brands": ["Nike"], "colour": "red", '
                                  '"price_max": 150, "currency": "USD", "ship_to": "Germany"}')
    kept, dropped = keep_evidenced(invented, by_rules, query, lexicon)
    assert kept.brands == [] and kept.colour is None and kept.price_max is None
    assert kept.ship_to is None and kept.currency == "USD" and kept.categories == ["handbags"]
    assert set(dropped) == {"brands", "colour", "price_max", "ship_to"}
    merged, _ = merge(kept, by_rules)
    assert merged.colour == "blue" and merged.price_max == 200
    faithful = parse_model_output('{"brands": ["Nike"], "colour": "red", "price_max": 10000}')
    kept, dropped = keep_evidenced(faithful, parse("ナイキ 赤 スニーカー 1万円以下", "ja", lexicon),
                                   "ナイキ 赤 スニーカー 1万円以下", lexicon)
    assert dropped == ["price_max"] and kept.brands == ["Nike"]  # the rules' reading of 1万円以下 wins
    both = parse_model_output('{"price_min": 10000, "price_max": 10000}')
    kept, _ = keep_evidenced(both, parse("スニーカー 1万円以下", "ja", lexicon), "スニーカー 1万円以下", lexicon)
    merged, _ = merge(kept, parse("スニーカー 1万円以下", "ja", lexicon))
    assert (merged.price_min, merged.price_max, merged.currency) == (None, 10000, "JPY")
    unread = parse_model_output('{"price_max": 80}')
    kept, _ = keep_evidenced(unread, parse("Nike so um die 80", "de", lexicon), "Nike so um die 80", lexicon)
    assert kept.price_max == 80  # no currency, no rules price: the model's evidenced number stays
