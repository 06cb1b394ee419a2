"""Chinese and Japanese queries have no spaces: where a word the lexicon knows really is a word.

Classes from two outside evaluation worlds (issue 10): a one-character word read inside a longer
word (钢笔, fountain pen, is no 钢, steel; 蓝牙, Bluetooth, is no 蓝, blue), a katakana loanword
cut in two by a word it holds (ベビーカー, pushchair, left "カー" to search for), and the mark of
what a product is for (用, 向け) taken for the product ("露营用的冰桶": the cool box, not camping).
No database: the lexicon is built from hand-written graph rows, as ``lexicon_store`` builds it.
"""

from __future__ import annotations

import pytest

from api.nlq.lexicon import build_lexicon
from api.nlq.meaning import sure_by_name
from api.nlq.rules import parse

CATEGORIES = [{"id": "c-pens", "name": "Pens", "names": [["en", "Pens"], ["de", "Stifte"]]}]
ATTRIBUTES = {"colour": ["blue", "red", "black", "pink"], "material": ["steel", "leather"],
              "age_group": ["baby", "kids"]}


@pytest.fixture(scope="module")
def lexicon():
    return build_lexicon([], CATEGORIES, [{"code": "JP", "name": "Japan"}],
                         [{"code": "JPY", "rate": 160.0}], ATTRIBUTES)


@pytest.mark.parametrize("query, word", [
    ("钢笔", "钢笔"),          # fountain pen: no 钢 (steel)
    ("蓝牙耳机", "蓝牙耳机"),  # Bluetooth earphones: no 蓝 (blue)
    ("新娘礼服", "新娘礼服"),  # a bride's dress: no 娘 (daughter)
    ("黒板", "黒板"),          # blackboard: no 黒 (black)
])
def test_one_character_inside_a_longer_word_is_not_that_word(lexicon, query, word):
    intent = parse(query, None, lexicon)
    assert (intent.colour, intent.material, intent.recipient) == (None, None, None), query
    assert intent.keywords == [word]


@pytest.mark.parametrize("query, colour, material", [
    ("蓝 钢笔", "蓝", None), ("红的包", "红", None), ("白T恤", None, None), ("黒のバッグ", "黒", None),
    ("钢 水壶", None, "钢"), ("红色钢笔", "红色", None),
])
def test_one_character_standing_alone_still_counts(lexicon, query, colour, material):
    intent = parse(query, None, lexicon)
    assert (intent.colour, intent.material) == (colour, material), query


def test_a_katakana_word_that_holds_a_known_word_stays_whole(lexicon):
    intent = parse("ベビーカー", "ja", lexicon)
    assert intent.keywords == ["ベビーカー"]  # was ["カー"]
    assert intent.age_group == "ベビー"  # the pushchair is for a baby: the slot still counts
    # A katakana word of its own is not widened: ピンク stands before の, or before a word
    # long enough to be one (two words written together).
    for query in ("ピンクのスーツケース", "ピンクスーツケース"):
        intent = parse(query, "ja", lexicon)
        assert (intent.colour, intent.keywords) == ("ピンク", ["スーツケース"]), query


@pytest.mark.parametrize("query, keywords", [
    ("露营用的冰桶", ["冰桶"]),               # camping's cool box: the cool box
    ("旅行用のネームタグ", ["ネームタグ"]),   # a travel name tag
    ("子供用クレヨン", ["クレヨン"]),         # 子供 is understood; "用クレヨン" was left over
    ("キャンプ用", ["キャンプ用"]),           # nothing else named: the use is all there is
])
def test_what_a_cjk_product_is_for_is_not_the_product(lexicon, query, keywords):
    assert parse(query, None, lexicon).keywords == keywords


@pytest.mark.parametrize("phrase, ranked, expected", [
    # A French or Portuguese phrase near a name of the shop and clearly ahead of the next.
    ("rideau de douche", [("shower", 0.899), ("hammock", 0.860)], "shower"),
    # A Chinese word against the shop's Latin names scores lower, and is still clearly ahead.
    ("婴儿推车", [("strollers", 0.861), ("bottles", 0.829)], "strollers"),
    # Junk and unsold kinds: close to several names, none ahead ("sac de couchage").
    ("sac de couchage", [("suitcases", 0.873), ("strollers", 0.865)], None),
    ("asdfgh qwerty", [("coolers", 0.827), ("yarn", 0.825)], None),
    ("帐篷", [("duvets", 0.824), ("pillows", 0.819)], None),
    # Ahead but not close enough for its script.
    ("pram", [("thermos", 0.850), ("yarn", 0.80)], None),
    ("啊啊啊", [("pillows", 0.845), ("yarn", 0.80)], None),
])
def test_the_bar_for_a_name_by_meaning_depends_on_the_script(phrase, ranked, expected):
    assert sure_by_name(ranked, phrase) == expected


@pytest.mark.parametrize("query, keywords", [
    ("一双跑步鞋", ["跑步鞋"]),   # a pair of running shoes
    ("一把雨伞", ["雨伞"]),       # an umbrella
    ("两个背包", ["背包"]),       # two backpacks
    ("双肩包", ["双肩包"]),       # backpack: 双 without a number is part of the word
    ("給爸爸的背包", ["背包"]),   # traditional 給 like 给
])
def test_counts_and_measure_words_are_not_part_of_the_product(lexicon, query, keywords):
    assert parse(query, None, lexicon).keywords == keywords
