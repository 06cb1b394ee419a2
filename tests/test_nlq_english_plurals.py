"""English plurals in the search lexicon: "es" only after a hiss or an "o".

An outside evaluation world (issue 10) sold kites and camping cookware; "mess kit for
backpacking" came back as ten kites, because "Kites" minus "es" gave "kit". No database: the
lexicon is built from hand-written graph rows, as ``lexicon_store`` builds it.
"""

from __future__ import annotations

import pytest

from api.nlq.lexicon import build_lexicon

CATEGORIES = [
    {"id": "c-kites", "name": "Kites", "names": [["en", "Kites"]]},
    {"id": "c-boxes", "name": "Lunch Boxes", "names": [["en", "Lunch Boxes"]]},
    {"id": "c-watches", "name": "Watches", "names": [["en", "Watches"]]},
    {"id": "c-shoes", "name": "Shoes", "names": [["en", "Shoes"]]},
]


@pytest.fixture(scope="module")
def lexicon():
    return build_lexicon([], CATEGORIES, [{"code": "FR", "name": "France"}],
                         [{"code": "EUR", "rate": 1.0}], {"colour": ["white"]})


@pytest.mark.parametrize("word, category", [
    ("kite", "c-kites"), ("kites", "c-kites"), ("lunch box", "c-boxes"), ("watch", "c-watches"),
    ("shoe", "c-shoes"),
])
def test_singular_and_plural_find_the_category(lexicon, word, category):
    assert [m.value for m in lexicon.lookup(word, "category")] == [category]


@pytest.mark.parametrize("word", ["kit", "kits"])
def test_a_word_that_only_looks_like_a_stem_finds_nothing(lexicon, word):
    assert lexicon.lookup(word, "category") == []
