"""The forms shoppers write a phrase in: plural and singular, gendered, declined, per language.

The lexicon stores every form of every name and word it knows, so a query matches by lookup.
"""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese or Japanese character."""
    return bool(_CJK.search(text))


# Word endings per language a shopper may add or drop (plural, gender, case); None: any language.
_ENDINGS = {
    "en": ("s", "es"),
    "de": ("e", "en", "er", "es", "em", "n", "s"),
    "es": ("s", "es", "a", "as", "o", "os"),
    "pt": ("s", "es", "a", "as", "o", "os"),
    "fr": ("s", "e", "es", "x"),
}
_ANY_ENDINGS = tuple(dict.fromkeys(e for endings in _ENDINGS.values() for e in endings))
# Plurals that change the end of the word rather than add to it (written without accents, as
# phrases are stored): French cheval/chevaux, Portuguese colchão/colchões, mão/mãos, pão/pães,
# viagem/viagens, azul/azuis, papel/papéis, lençol/lençóis, Spanish lápiz/lápices.
_SWAPS = {
    "fr": (("al", "aux"), ("ail", "aux")),
    "pt": (("ao", "oes"), ("ao", "aes"), ("ao", "aos"), ("m", "ns"), ("al", "ais"), ("ul", "uis"),
           ("el", "eis"), ("ol", "ois"), ("il", "is")),
    "es": (("z", "ces"),),
}
_ANY_SWAPS = tuple(dict.fromkeys(swap for swaps in _SWAPS.values() for swap in swaps))


# English adds "es" only after a hiss or an "o" (boxes, watches, potatoes): "kites" is "kite" +
# "s", never "kit" + "es", so "kit" (a mess kit) is no form of "Kites".
_EN_ES_STEM = re.compile(r"(?:s|x|z|ch|sh|o)$")


def _takes(lang: str | None, stem: str, ending: str) -> bool:
    """Whether ``stem`` + ``ending`` is a form ``lang`` makes (every pair, but English "es")."""
    return lang != "en" or ending != "es" or _EN_ES_STEM.search(stem) is not None


def inflections(phrase: str, lang: str | None = None, *, strip: bool = True) -> set[str]:
    """The phrase and the forms shoppers write it in: plural/singular, gendered, declined.

    The last word changes ("rote laufschuhe" -> "rote laufschuh"); in a phrase of two or three
    words, the inflected words also change together, since they agree in number and gender
    ("chaleiras elétricas" -> "chaleira eletrica", "elektrische wasserkocher" -> "elektrischer
    wasserkocher"). CJK phrases stay as is. With ``lang`` only that language's endings apply
    ("lamp" never becomes French "lampe"). ``strip=False`` only adds endings: a base form that
    merely ends like an inflection keeps its end (French "fils", son, never becomes "fil", thread).
    """
    forms = {phrase}
    if has_cjk(phrase) or len(phrase) < 3:
        return forms
    endings = _ENDINGS.get(lang, _ANY_ENDINGS) if lang else _ANY_ENDINGS
    head, _, last = phrase.rpartition(" ")
    prefix = f"{head} " if head else ""
    stems = {last}
    # A base form may still swap its gender vowel ("preto" -> "preta"); other ends are kept.
    cuttable = endings + ("o", "a") * (lang in (None, "es", "pt")) if strip else ("o", "a")
    for ending in cuttable:
        if last.endswith(ending) and len(last) - len(ending) >= 3 \
                and _takes(lang, last[: -len(ending)], ending):
            stems.add(last[: -len(ending)])
    for stem in stems:
        forms.add(prefix + stem)
        for ending in endings:
            if _takes(lang, stem, ending):
                forms.add(prefix + stem + ending)
    for singular, plural in (_SWAPS.get(lang, ()) if lang else _ANY_SWAPS):
        if last.endswith(singular) and len(last) - len(singular) >= 2:
            forms.add(prefix + last[: -len(singular)] + plural)
        if strip and last.endswith(plural) and len(last) - len(plural) >= 2:
            forms.add(prefix + last[: -len(plural)] + singular)
    words = phrase.split()
    if strip and 2 <= len(words) <= 3:
        forms |= _agreeing_forms(words, endings)
    return forms


def _agreeing_forms(words: list[str], endings: tuple[str, ...]) -> set[str]:
    """The phrase with its words changed together: each inflected word taking the same ending
    ("elektrische wasserkocher" -> "elektrischer wasserkocher"), and each plural word made
    singular on its own ("lanternas solares" -> "lanterna solar", "chaleiras" -> "chaleira")."""
    stems: list[str | None] = []
    singulars: list[set[str]] = []
    for word in words:
        cut = max((e for e in endings if word.endswith(e) and len(word) - len(e) >= 3),
                  key=len, default=None)
        stems.append(word[: -len(cut)] if cut else None)
        singulars.append({word} | {word[: -len(e)] for e in _PLURAL if e in endings
                                   and word.endswith(e) and len(word) - len(e) >= 3})
    forms: set[str] = set()
    if sum(stem is not None for stem in stems) >= 2:
        forms |= {" ".join(word if stem is None else stem + ending
                           for word, stem in zip(words, stems, strict=True))
                  for ending in ("", *endings)}
    combos = [""]
    for options in singulars:
        combos = [f"{head} {option}".strip() for head in combos for option in sorted(options)]
    return forms | set(combos)


_PLURAL = ("s", "es", "x", "n", "en", "e")
