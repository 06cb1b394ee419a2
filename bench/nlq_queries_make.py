"""Write ``bench/nlq_queries.jsonl``: labelled search queries in seven languages for the demo shop.

Queries are composed from the demo generator's own words (``loaders/demo_vocab.py``: product
nouns, colours, "for women" phrases per language) and brand names/aliases, not from the search
parser's dictionaries, with price, shipping and "cheap" phrasings per language; a few dozen
hand-written queries are appended. Each row carries the constraints it states (graph ids and
values), which ``bench/nlq.py`` checks every returned product against.

    python -m bench.nlq_queries_make [--per-language 30] [--seed 5] [--out FILE] [--no-hand]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from loaders.demo_vocab import COLOURS, GENDER_WORDS, KINDS, PALETTES
from loaders.demo_world import BRANDS

OUT = Path(__file__).with_name("nlq_queries.jsonl")
LANGS = ("en", "de", "es", "fr", "pt", "zh", "ja")
PRICE_MAX = {  # (template, currency, scale from EUR)
    "en": [("under {n} euros", "EUR", 1), ("below ${n}", "USD", 1.16), ("less than {n} EUR", "EUR", 1)],
    "de": [("unter {n} €", "EUR", 1), ("bis {n} Euro", "EUR", 1), ("höchstens {n} €", "EUR", 1)],
    "es": [("por menos de {n} €", "EUR", 1), ("hasta {n} euros", "EUR", 1), ("menos de {n} pesos", "MXN", 21.4)],
    "fr": [("moins de {n} €", "EUR", 1), ("jusqu'à {n} euros", "EUR", 1), ("pas plus de {n} €", "EUR", 1)],
    "pt": [("até R$ {n}", "BRL", 6.25), ("por menos de {n} reais", "BRL", 6.25), ("até {n} €", "EUR", 1)],
    "zh": [("{n}元以内", "CNY", 8.25), ("{n}元以下", "CNY", 8.25), ("不超过{n}元", "CNY", 8.25)],
    "ja": [("{n}円以下", "JPY", 178.0), ("{n}円以内", "JPY", 178.0)],
}
SHIP = {
    "en": [("shipped to Germany", "DE"), ("delivered to Japan", "JP"), ("to Canada", "CA")],
    "de": [("Versand nach Österreich", "AT"), ("nach Deutschland", "DE"), ("Lieferung in die Schweiz", "CH")],
    "es": [("que lleguen a México", "MX"), ("envío a España", "ES"), ("a Argentina", "AR")],
    "fr": [("livré en France", "FR"), ("livraison en Belgique", "BE"), ("vers la Suisse", "CH")],
    "pt": [("entrega no Brasil", "BR"), ("para Portugal", "PT")],
    "zh": [("寄到上海", "CN"), ("寄到北京", "CN"), ("发往香港", "HK")],
    "ja": [("日本へ配送", "JP"), ("東京まで", "JP")],
}
CHEAP = {"en": "cheap", "de": "günstige", "es": "baratas", "fr": "pas cher", "pt": "barato",
         "zh": "便宜的", "ja": "安い"}
CJK = ("zh", "ja")


def _brand_for(kind, rng: random.Random):
    makers = [b for b in BRANDS if kind.key in b.makes or kind.group in b.makes]
    return rng.choice(makers) if makers else None


def _brand_word(brand, lang: str, rng: random.Random) -> str:
    cjk = [a for a in brand.aliases if any("\u3040" <= ch <= "\u9fff" for ch in a)]
    if lang in CJK and cjk and rng.random() < 0.5:
        return cjk[0] if lang == "zh" else cjk[-1]
    latin = [a for a in brand.aliases if a.isascii()]
    return rng.choice([brand.name] * 3 + latin)


def compose(lang: str, rng: random.Random) -> dict:
    kind = rng.choice(KINDS)
    labels: dict = {"category": kind.category}
    parts: dict[str, str] = {"noun": kind.nouns[lang]}
    if rng.random() < 0.6 and (brand := _brand_for(kind, rng)):
        parts["brand"] = _brand_word(brand, lang, rng)
        labels["brand"] = f"demo-brand-{brand.slug}"
    if rng.random() < 0.5:
        colour = rng.choice(PALETTES[kind.group])
        parts["colour"] = COLOURS[colour][lang].lower() if lang not in CJK else COLOURS[colour][lang]
        labels["colour"] = colour
    if kind.genders and len(kind.genders) > 1 and rng.random() < 0.3:
        gender = rng.choice([g for g in kind.genders if g in GENDER_WORDS])
        parts["gender"] = GENDER_WORDS[gender][lang]
        labels["gender"] = gender
    if rng.random() < 0.5:
        template, currency, scale = rng.choice(PRICE_MAX[lang])
        amount = round(kind.price[1] * rng.uniform(0.5, 1.0) * scale, -1 if scale < 50 else -2)
        parts["price"] = template.format(n=int(amount))
        labels |= {"price_max": int(amount), "currency": currency}
    elif rng.random() < 0.3:
        parts["cheap"] = CHEAP[lang]
        labels["sort"] = "price_asc"
    if rng.random() < 0.35:
        phrase, code = rng.choice(SHIP[lang])
        parts["ship"] = phrase
        labels["ship_to"] = code
    order = ("cheap", "brand", "colour", "noun", "gender", "price", "ship")
    if lang in ("es", "fr", "pt"):
        order = ("cheap", "noun", "brand", "colour", "gender", "price", "ship")
    joiner = "" if lang == "zh" else " "
    text = joiner.join(parts[k] for k in order if k in parts)
    return {"query": text, "lang": lang, "expect": labels, "source": "composed"}


# Hand-written: how people type, including the issue's own examples. Labels by hand.
HAND = [
    ("rote Nike Laufschuhe unter 80 €", "de", {"brand": "demo-brand-nike", "colour": "red", "category": "gpt:187", "price_max": 80, "currency": "EUR"}),
    ("适合送爸爸的登山包 500元以内 寄到上海", "zh", {"category": "gpt:100", "price_max": 500, "currency": "CNY", "ship_to": "CN"}),
    ("zapatillas de running baratas que lleguen a México", "es", {"category": "gpt:187", "sort": "price_asc", "ship_to": "MX"}),
    ("cheap wireless headphones", "en", {"category": "gpt:543626", "sort": "price_asc"}),
    ("Addidas sneakers for men", "en", {"brand": "demo-brand-adidas", "category": "gpt:187", "gender": "men"}),
    ("black Salomon hiking boots size 42", "en", {"brand": "demo-brand-salomon", "colour": "black", "category": "gpt:187", "size": "EU 42"}),
    ("Deuter Rucksack blau bis 100 Euro", "de", {"brand": "demo-brand-deuter", "colour": "blue", "category": "gpt:100", "price_max": 100, "currency": "EUR"}),
    ("sac à dos de randonnée noir moins de 120 €", "fr", {"colour": "black", "category": "gpt:100", "price_max": 120, "currency": "EUR"}),
    ("tênis de corrida Asics até R$ 600", "pt", {"brand": "demo-brand-asics", "category": "gpt:187", "price_max": 600, "currency": "BRL"}),
    ("ナイキ スニーカー 黒 1万円以下", "ja", {"brand": "demo-brand-nike", "category": "gpt:187", "colour": "black", "price_max": 10000, "currency": "JPY"}),
    ("耐克 红色 跑步鞋", "zh", {"brand": "demo-brand-nike", "category": "gpt:187", "colour": "red"}),
    ("Daunenjacke für Damen", "de", {"category": "gpt:5598", "gender": "women"}),
    ("doudoune pour homme pas cher", "fr", {"category": "gpt:5598", "gender": "men", "sort": "price_asc"}),
    ("smart TV under 500 euros shipped to Spain", "en", {"category": "gpt:404", "price_max": 500, "currency": "EUR", "ship_to": "ES"}),
    ("cafetera roja", "es", {"category": "gpt:1388", "colour": "red"}),
    ("Yogamatte lila", "de", {"category": "gpt:3640", "colour": "purple"}),
    ("テント 3万円以下", "ja", {"category": "gpt:1022", "price_max": 30000, "currency": "JPY"}),
    ("睡袋 寄到北京", "zh", {"category": "gpt:1020", "ship_to": "CN"}),
    ("board game for kids under 30 €", "en", {"category": "gpt:1246", "price_max": 30, "currency": "EUR"}),
    ("bolsa de couro feminino", "pt", {"category": "gpt:3032", "gender": "women"}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-language", type=int, default=30)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-hand", action="store_true", help="composed queries only")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows = [compose(lang, rng) for lang in LANGS for _ in range(args.per_language)]
    if not args.no_hand:
        rows += [{"query": q, "lang": lang, "expect": e, "source": "hand"} for q, lang, e in HAND]
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} queries to {args.out}")


if __name__ == "__main__":
    main()
