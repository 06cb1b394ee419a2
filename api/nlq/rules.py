"""The ``rules`` backend: a fast parser with no model, grounded by construction.

It reads prices with per-language patterns (``prices.py``), sizes after a cue word, and every other
slot by looking phrases up in the :class:`~api.nlq.lexicon.Lexicon` built from the graph (brands
and their aliases, category names in every language, colours/materials/... per language, country
and city names). Brand spelling variants one or two edits away are caught too ("Addidas").
What is left over becomes free keywords. It is always available and the fallback of the others.
"""

from __future__ import annotations

import re

from api.nlq.intent import Intent
from api.nlq.lexicon import ELISION, Lexicon, Match, fold, has_cjk, normalise, phrase_key
from api.nlq.prices import find_prices

_SIZE = re.compile(
    r"(?:size|gr[oö]ss?e|grösse|talla|taille|tamanho|tam\.?|サイズ|尺码|尺寸)\s*[:：]?\s*"
    r"(?P<a>[0-9]{1,3}(?:[.,]5)?|xxs|xs|s|m|l|xl|xxl|xxxl)\b"
    r"|(?P<b>[0-9]{2})\s*(?:码|號|号)"
    r"|\b(?P<c>xxs|xs|xl|xxl|xxxl)\b",
)
_TOKEN = re.compile(r"[^\W_]+")
# Words that carry no product meaning in the served languages; never kept as keywords.
_STOPWORDS = frozenset(fold(w) for w in """
a an the for with and or of in on to by from my me i want need looking some any that which who
best good new nice buy ship shipping deliver delivery ships
der die das den dem ein eine einen einem für mit und oder von nach zu im in auf ich suche
brauche nach liefern lieferung versand fürs zum zur vom beim am ans aufs
el la los las un una unos unas para con y o de del en que lleguen llegue envio envío a al
busco quiero
le la les un une des pour avec et ou de du en à au aux livré livraison je cherche
o a os as um uma uns umas para com e ou de do da dos das em que chegue entrega procuro quero
的 了 和 给 給 送 适合 適合 寄到 送到 发往 發往 要 想 买 買 我 一个 一個 以内 以下 以上 之内 元 块
の を に へ と で が は まで 以下 以内 以上 未満 送る 配送 欲しい 向け
shipped delivered sent livre livree livres expedie enviado entregue geliefert versandt
ins vers hacia hasta ao aos pra pro na no nas nos destination destino 运到 寄往 发到 邮到 寄去 送往 邮寄 宛て 届け 発送
""".split())


def _edits_within(a: str, b: str, limit: int) -> bool:
    """True when the Levenshtein distance between ``a`` and ``b`` is at most ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _fuzzy_brand(lexicon: Lexicon, word: str) -> str | None:
    """A brand phrase one edit (two for long words) from ``word``, if exactly one brand is."""
    word = fold(word)
    if len(word) < 5 or has_cjk(word):
        return None
    limit = 2 if len(word) >= 9 else 1
    hits: dict[str, str] = {}
    for phrase, meanings in lexicon.phrases.items():
        brands = [m.value for m in meanings if m.kind == "brand"]
        if not brands:
            continue
        # "northface", "casaserena": also the phrase written together, without a leading "the".
        compact = {phrase, phrase.replace(" ", ""), phrase.removeprefix("the ").replace(" ", "")}
        if any(abs(len(c) - len(word)) <= limit and _edits_within(word, c, limit) for c in compact):
            hits.setdefault(brands[0], phrase)
    return next(iter(hits.values())) if len(hits) == 1 else None


def _compound_category(lexicon: Lexicon, word: str) -> str | None:
    """The category a compound word ends in ("winterschuhe" -> "schuhe"), German style."""
    word = fold(word)
    if len(word) < 8 or has_cjk(word):
        return None
    for start in range(3, len(word) - 4):
        tail = word[start:]
        if any(m.kind == "category" for m in lexicon.phrases.get(tail, [])):
            return tail
    return None


# "An X for a Y": what follows these words (after an article) is what the product is for, not
# what it is. Chinese and Japanese put the modifier first: "狗的床", "犬用ベッド", "犬向けベッド".
_FOR_WORDS = frozenset(fold(w) for w in "for für fürs pour para pra".split())
_ARTICLES = frozenset(fold(w) for w in """
a an the my your his her our ein eine einen einem einer den dem der die das mein meine meinen
meinem meiner un une des le la les mon ma mes el los las mi mis o os as um uma meu minha
""".split())
_CJK_MODIFIER_MARKS = ("的", "用", "向け", "のため", "専用")
# Marks a leftover CJK word ends in (or, cut from a matched word, starts with) when it names a
# use or a wearer rather than the product: "露营用", "旅行用", "子供向け".
_CJK_FOR_MARKS = ("专用", "専用", "向け", "用")


def _is_modifier(text: str, match: Match) -> bool:
    """Whether a phrase of ``text`` names what the product is for ("a bed for a dog": dog)."""
    before = _TOKEN.findall(fold(text[: match.start]))
    while before and before[-1] in _ARTICLES:
        before.pop()
    if before and before[-1] in _FOR_WORDS:
        return True
    return has_cjk(match.text) and text[match.end:].lstrip().startswith(_CJK_MODIFIER_MARKS)


def _head_categories(text: str, matches: list[Match]) -> set[int]:
    """Starts of the category phrases that name the product itself: when a query names several
    categories and some of them only as what the product is for, those are left out (the head
    noun wins); when every one is a modifier, all stay."""
    starts = {m.start for m in matches if m.meanings[0].kind == "category"}
    heads = {m.start for m in matches if m.start in starts and not _is_modifier(text, m)}
    return heads or starts


def _english_inflected_adjective(match: Match, lang: str | None, lexicon: Lexicon) -> bool:
    """A colour or material word with an ending added, in an English query: English adjectives
    never take one, so "blues harp" and "secateurs for roses" name no colour."""
    return (lang == "en" and phrase_key(match.text) in lexicon.inflected_adjectives
            and all(m.kind in ("colour", "material") for m in match.meanings))


def parse(query: str, lang: str | None, lexicon: Lexicon) -> Intent:
    """The intent in ``query``, every slot taken from the lexicon or a price/size pattern."""
    text = query_text = normalise(query)
    prices = find_prices(fold(text), lexicon.currency_words, lexicon.currency_rates, lang)
    slots: dict = {"categories": [], "brands": [], "keywords": []}
    if prices.price_max is not None or prices.price_min is not None:
        slots.update(price_min=prices.price_min, price_max=prices.price_max,
                     currency=prices.currency)
    text = _blank(text, prices.spans or [])
    size = _SIZE.search(fold(text))
    if size:
        slots["size"] = next(g for g in size.groups() if g)
        text = _blank(text, [size.span()])
    matches = [m for m in lexicon.find(text) if not _english_inflected_adjective(m, lang, lexicon)]
    heads = _head_categories(text, matches)
    # ベビーカー (pushchair) holds ベビー (baby): the slot counts, and the whole word still
    # says what is wanted (a leftover "カー" would say nothing).
    whole_words = sorted({span for m in matches if (span := _katakana_word(text, m)) is not None})
    for match in matches:
        kind = match.meanings[0].kind
        if kind == "brand":
            slots["brands"].append(match.text)
        elif kind == "category" and match.start not in heads:
            pass  # a modifier ("for a dog"): its phrase is blanked, neither a category nor a keyword
        elif kind == "category":
            slots["categories"].append(match.text)
        elif kind == "country":
            slots.setdefault("ship_to", match.text)
        elif kind == "sort":
            slots.setdefault("sort", match.meanings[0].value)
        else:
            slots.setdefault(kind, match.text)
        if kind != "recipient" and _is_modifier(text, match) and any(
                m.kind == "recipient" for m in match.meanings):
            # "Gießkanne für Kinder": the age group is also who the product is for.
            slots.setdefault("recipient", match.text)
        text = _blank(text, [(match.start, match.end)])
    for start, end in whole_words:
        slots["keywords"].append(query_text[start:end])
    text = _blank(text, whole_words)
    for word in _head_words(_words(text)):
        brand = _fuzzy_brand(lexicon, word)
        compound = _compound_category(lexicon, word)
        if compound is not None and len(slots["categories"]) < 5:
            slots["categories"].append(compound)
            slots["keywords"].append(word)  # the whole word still ranks ("Lauf" in "Laufschuhe")
        elif brand is not None:
            slots["brands"].append(brand)
        elif fold(word) not in _STOPWORDS and not word.isdigit() and len(slots["keywords"]) < 20:
            slots["keywords"].append(word)
    slots["categories"] = slots["categories"][:5]
    slots["brands"] = slots["brands"][:5]
    return Intent(**slots)


_KATAKANA = re.compile(r"[\u30a0-\u30ff]+")


def _katakana_word(text: str, match: Match) -> tuple[int, int] | None:
    """The span of the katakana word ``match`` is only part of, or ``None`` when the match is a
    word of its own. Japanese writes no spaces: a katakana run is one loanword when what the
    match leaves of it is too short to be a word (ベビーカー leaves カー), two words written
    together when it is not (ピンクスーツケース: pink, suitcase)."""
    for run in _KATAKANA.finditer(text):
        left = (match.start - run.start()) + (run.end() - match.end)
        if run.start() <= match.start and match.end <= run.end() and 0 < left <= 2:
            return run.span()
    return None


def _head_words(words: list[str]) -> list[str]:
    """Leftover words less what Chinese and Japanese mark as what the product is for: "露营用"
    in "露营用的冰桶" (camping's cool box), "旅行用" in "旅行用のネームタグ". The mark left at
    the front of a word after a matched one ("子供" + "用クレヨン") goes too."""
    words = [w for w in map(_without_leading_mark, words) if w]
    heads = [w for i, w in enumerate(words)
             if not (has_cjk(w) and w.endswith(_CJK_FOR_MARKS) and i + 1 < len(words))]
    return heads or words


def _without_leading_mark(word: str) -> str:
    for mark in _CJK_FOR_MARKS if has_cjk(word) else ():
        if word.startswith(mark):
            return word[len(mark):]
    return word


# "One"/"two"/"a few" and a Chinese measure word ("一双跑步鞋", a pair of running shoes; "一把雨伞",
# an umbrella) count the product and are no part of its name.
_COUNTED = re.compile("[一两兩几幾][个個双雙把件条條只隻台臺款套本张張支瓶盒对對副顶頂辆輛片根]")


def _words(text: str) -> list[str]:
    """Leftover words; CJK runs are split where a stop word or a count sits inside them
    ("适合送", "一双")."""
    words = []
    for token in _TOKEN.findall(ELISION.sub(" ", text)):  # "d'oreiller": no word "d"
        if has_cjk(token):
            run = _COUNTED.sub(" ", token)
            for stop in sorted((w for w in _STOPWORDS if has_cjk(w)), key=len, reverse=True):
                run = run.replace(stop, " ")
            words.extend(run.split())
        else:
            words.append(token)
    return words


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the spans replaced by spaces, so offsets of the rest stay valid."""
    chars = list(text)
    for start, end in spans:
        for i in range(max(0, start), min(end, len(chars))):
            chars[i] = " "
    return "".join(chars)
