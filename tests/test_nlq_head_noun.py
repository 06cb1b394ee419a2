""""An X for a Y" is an X: when a query names several categories, those named only as what the
product is for (after "for", "für", "pour", "para"; before 的, 用, 向け in Chinese and Japanese)
are left out, in every language, whatever the categories are."""

from __future__ import annotations

import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st

from api.nlq.lexicon import build_lexicon
from api.nlq.rules import parse

# Made-up categories with names in every language, so no real word decides the outcome.
NAMES = {
    "c-bed": {"en": "bed", "de": "Bett", "es": "cama", "fr": "lit", "pt": "cama", "zh": "床", "ja": "ベッド"},
    "c-dog": {"en": "dog", "de": "Hund", "es": "perro", "fr": "chien", "pt": "cachorro", "zh": "狗", "ja": "犬"},
    "c-case": {"en": "case", "de": "Hülle", "es": "funda", "fr": "housse", "pt": "capa", "zh": "保护壳",
               "ja": "ケース"},
    "c-phone": {"en": "phone", "de": "Handy", "es": "móvil", "fr": "téléphone", "pt": "celular", "zh": "手机",
                "ja": "スマホ"},
}
LEXICON = build_lexicon([], [{"id": cid, "name": n["en"], "names": list(n.items())} for cid, n in NAMES.items()],
                        [], [], {})
TEMPLATES = {
    "en": ["{head} for {mod}", "a {head} for a {mod}", "{head} for my {mod}"],
    "de": ["{head} für {mod}", "ein {head} für einen {mod}"],
    "es": ["{head} para {mod}", "una {head} para el {mod}"],
    "fr": ["{head} pour {mod}", "un {head} pour le {mod}"],
    "pt": ["{head} para {mod}", "uma {head} para o {mod}"],
    "zh": ["{mod}的{head}", "给{mod}的{head}"],
    "ja": ["{mod}用{head}", "{mod}向け{head}"],
}
PAIRS = [("c-bed", "c-dog"), ("c-dog", "c-bed"), ("c-case", "c-phone"), ("c-phone", "c-case")]


def _categories(query: str, lang: str) -> set[str]:
    intent = parse(query, lang, LEXICON)
    return {m.value for word in intent.categories for m in LEXICON.lookup(word, "category")}


@pytest.mark.parametrize("lang", sorted(TEMPLATES))
def test_the_head_noun_wins_in_every_language(lang):
    for head, mod in PAIRS:
        for template in TEMPLATES[lang]:
            query = template.format(head=NAMES[head][lang], mod=NAMES[mod][lang])
            assert _categories(query, lang) == {head}, query


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(TEMPLATES)), st.sampled_from(PAIRS))
def test_a_single_category_named_as_a_use_still_counts(lang, pair):
    # "for a dog" alone names no product: the category stays rather than leaving nothing.
    template = TEMPLATES[lang][0].replace("{head}", "").strip()
    query = template.format(mod=NAMES[pair[1]][lang])
    assert _categories(query, lang) == {pair[1]}, query


def test_two_categories_without_a_for_word_both_count():
    assert _categories("bed dog", "en") == {"c-bed", "c-dog"}
