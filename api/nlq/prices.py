"""Reading price limits out of a query, in the ways each language writes them.

"unter 80 €", "less than $50", "menos de 30 euros", "entre 20 et 40 €", "500元以内", "3000円以下",
"R$ 200 até", "between 10 and 20". A number counts as a price only with a currency or a cue word
next to it ("size 42" and "iPhone 15" are not prices).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


_NUMBER = r"\d{1,3}(?:[.,\s]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_MULTIPLIER = {"k": 1_000, "千": 1_000, "万": 10_000, "萬": 10_000}

# Cue words before a number (Latin scripts) and after it (Chinese, Japanese).
_MAX_BEFORE = ("under", "below", "less than", "up to", "max", "maximum", "at most", "cheaper than",
               "unter", "bis", "bis zu", "höchstens", "hochstens", "maximal", "weniger als",
               "menos de", "por debajo de", "hasta", "maximo", "no mas de", "moins de", "sous",
               "jusqu'a", "au plus", "pas plus de", "ate", "abaixo de", "no maximo", "<", "<=",
               "不超过", "低于", "少于", "最多")
_MIN_BEFORE = ("over", "above", "more than", "at least", "from", "min", "minimum", "über", "uber",
               "ab", "mindestens", "mehr als", "mas de", "desde", "minimo", "plus de", "au moins",
               "a partir de", "mais de", "acima de", "no minimo", ">", ">=", "超过", "高于", "至少")
_MAX_AFTER = ("以内", "以下", "之内", "内", "未満", "まで", "以下で", "or less", "max")
_MIN_AFTER = ("以上", "起", "から", "or more")
_RANGE = re.compile(
    r"(?:between|zwischen|entre|von|from|de)?\s*(?P<a>" + _NUMBER + r")\s*(?P<ca>\S{0,4}?)\s*"
    r"(?:-|–|~|〜|～|到|至|and|und|y|et|e|bis|to|a|à)\s*(?P<b>" + _NUMBER + r")",
)


@dataclass
class PriceLimits:
    """Limits found in a query, the currency they were written in, and the spans they used."""

    price_min: float | None = None
    price_max: float | None = None
    currency: str | None = None
    spans: list[tuple[int, int]] | None = None


def parse_number(text: str) -> float:
    """``"1.299,99"`` -> 1299.99, ``"1,000"`` -> 1000, ``"80"`` -> 80."""
    text = text.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text):
        return float(re.sub(r"[.,]", "", text))
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return float(text.replace(thousands, "").replace(decimal, "."))
    return float(text.replace(",", "."))


def _currency_near(words: dict[str, str], before: str, after: str, lang: str | None,
                   query: str) -> tuple[str | None, int, int]:
    """The currency written right before or after a number, and how many chars it took."""
    for text, side in ((after, "after"), (before, "before")):
        probe = text.strip()
        for word in sorted(words, key=len, reverse=True):
            hit = probe.startswith(word) if side == "after" else probe.endswith(word)
            # Latin currency words must be whole words ("eur" not inside "europe").
            latin = word[-1].isascii() and word[-1].isalpha()
            if hit and (not latin or side == "before" or len(probe) == len(word)
                        or not (probe[len(word)].isascii() and probe[len(word)].isalpha())):
                pad = len(text) - len(text.lstrip()) if side == "after" else len(text) - len(text.rstrip())
                return words[word], len(word) + pad, 0 if side == "after" else 1
    if "¥" in before[-2:] + after[:2]:  # NFKC already folded the full-width "￥"
        kana = re.search(r"[\u3040-\u30ff]", query)
        code = "JPY" if lang == "ja" or (lang is None and kana) else "CNY"
        if code in words.values():
            return code, 1, int("¥" in before[-2:])
    return None, 0, 0


def find_prices(text: str, currency_words: dict[str, str], known: set[str] | dict | None = None,
                lang: str | None = None) -> PriceLimits:
    """Price limits in a normalised query (see :func:`api.nlq.lexicon.normalise`).

    ``currency_words`` maps symbols and words ("€", "euros", "元") to ISO codes; an amount in a
    currency outside ``known`` (the graph's currencies) is not read as a price, since it could
    not be converted.
    """
    words = currency_words
    limits = PriceLimits(spans=[])
    for m in re.finditer(r"(?P<num>" + _NUMBER + r")\s*(?P<mult>k\b|千|万|萬)?", text):
        start, end = m.start(), m.end()
        if start > 0 and (text[start - 1].isalpha() and text[start - 1].isascii()):
            continue  # part of a model name like "ps5"
        value = parse_number(m["num"]) * _MULTIPLIER.get(m["mult"] or "", 1)
        before, after = text[max(0, start - 24):start], text[end:end + 24]
        currency, used, is_before = _currency_near(words, before, after, lang, text)
        if currency is not None and known is not None and currency not in known:
            continue
        if is_before:
            before_trim = before.rstrip()[:-used].rstrip() if used else before
            span_start, span_end = start - (len(before) - len(before_trim)), end
        else:
            before_trim, span_start, span_end = before, start, end + used
        tail = text[span_end:span_end + 8].lstrip()
        head = before_trim.rstrip()
        bound = None
        if any(tail.startswith(cue) for cue in _MAX_AFTER):
            bound = "max"
        elif any(tail.startswith(cue) for cue in _MIN_AFTER):
            bound = "min"
        elif any(head.endswith(cue) for cue in _MAX_BEFORE):
            bound = "max"
        elif any(head.endswith(cue) for cue in _MIN_BEFORE):
            bound = "min"
        elif currency:
            bound = "max"  # "shoes 80 €": a budget, read as an upper limit
        if bound is None:
            continue
        if bound == "max":
            limits.price_max = value if limits.price_max is None else min(limits.price_max, value)
        else:
            limits.price_min = value if limits.price_min is None else max(limits.price_min, value)
        limits.currency = limits.currency or currency
        cue_start = len(head) - max((len(c) for c in _MAX_BEFORE + _MIN_BEFORE if head.endswith(c)),
                                    default=0)
        limits.spans.append((span_start - (len(before_trim) - cue_start) if cue_start < len(head)
                             else span_start, span_end))
    _ranges(text, limits, words, known, lang)
    return limits


def _ranges(text: str, limits: PriceLimits, words: dict[str, str], known: set[str] | dict | None,
            lang: str | None) -> None:
    """"between 20 and 40 €", "20-40€", "100到300元": both ends, currency on either side."""
    for m in _RANGE.finditer(text):
        a, b = parse_number(m["a"]), parse_number(m["b"])
        after = text[m.end():m.end() + 24]
        currency, used, _ = _currency_near(words, text[max(0, m.start() - 8):m.start()], after,
                                           lang, text)
        currency = currency or words.get(m["ca"].strip()) if m["ca"] else currency
        cue = re.match(r"\s*(?:between|zwischen|entre|von|from)", text[m.start():])
        if currency is not None and known is not None and currency not in known:
            continue
        if not (currency or cue) or a >= b:
            continue
        limits.price_min, limits.price_max = a, b
        limits.currency = limits.currency or currency
        limits.spans.append((m.start(), m.end() + used))
