"""The parts of a category name that joins several kinds of product ("Pillowcases & Shams").

Taxonomies name one category after two or three kinds it holds, joined by "&", a comma or the
word for "and"/"or" ("Swim Goggles & Masks", "Fronhas e capas de travesseiros", "Kissen und
Polster"). A shopper names one of them: "pillowcase", "fronha". Each part becomes a word for
its category, unless another category's name has the same part ("Accessories" belongs to many):
then only the whole name says which.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable

# "&", "/", a comma, and "and"/"or" in the taxonomy's languages (en, de, es, pt, fr).
_JOINS = re.compile(r"\s*(?:[&/,+]|\s(?:and|or|und|oder|y|e|o|ou|et)\s)\s*", re.IGNORECASE)


_PREPOSITION = re.compile(r"^(?:de|da|do|del|para|of|for|für|pour)\s", re.IGNORECASE)
_HEAD_FIRST = {"es", "pt", "fr"}  # "Cascos de esquí y snowboard": the kind comes first


def name_parts(name: str, lang: str | None = None) -> list[str]:
    """The kinds a joined name lists, in order; ``[]`` when the name joins nothing.

    A part that only qualifies another part's head is no kind of its own and is left out:
    German elliptical compounds ("Ski- & Snowboardhelme"), a part that starts with a
    preposition ("de bolsillo"), and a lone singular word beside a longer part that carries the
    head ("Ski & Snowboard Helmets", "Esteras para pilates y yoga"); a lone plural is a kind
    ("Wallets & Money Clips").
    """
    parts = [part.strip() for part in _JOINS.split(name) if part and part.strip()]
    if len(parts) < 2:
        return []
    head = parts[0] if lang in _HEAD_FIRST else parts[-1]
    return [part for part in parts
            if not part.startswith("-") and not part.endswith("-")
            and not _PREPOSITION.match(part)
            and not (part is not head and " " not in part and " " in head
                     and not part.casefold().endswith("s"))]


def unique_parts(names: Iterable[tuple[str, str, str]], key: Callable[[str], str]
                 ) -> list[tuple[str, str, str]]:
    """``(part, category id, lang)`` for parts of ``(name, category id, lang)`` no other category shares.

    ``key`` normalises a part for the comparison (the lexicon's phrase key), so "Masks" and
    "masks" are one part.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    found: list[tuple[str, str, str]] = []
    for name, category, lang in names:
        for part in name_parts(name, lang):
            owners[key(part)].add(category)
            found.append((part, category, lang))
    return [(part, category, lang) for part, category, lang in found
            if len(owners[key(part)]) == 1]
