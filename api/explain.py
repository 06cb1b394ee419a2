"""Words in the answer's language: recommendation reasons and search's interpretation chips.

The ranking statements return a reason as data (``{kind, item, brand, category, fans}``); this
module words it in one of the seven served languages. Product titles and category names inside
a reason come in the same language where the catalog has them (else English, else any).
"""

from __future__ import annotations

from typing import Any

from api.records import pick_text

LANGS = ("en", "de", "es", "fr", "pt", "zh", "ja")

# One sentence per reason kind and language; {item}, {brand}, {category}, {fans} filled in.
REASONS: dict[str, dict[str, str]] = {
    "bought_brand": {
        "en": "bought {item} of the same brand ({brand})",
        "de": "{item} derselben Marke ({brand}) gekauft",
        "es": "compraste {item} de la misma marca ({brand})",
        "fr": "vous avez acheté {item} de la même marque ({brand})",
        "pt": "comprou {item} da mesma marca ({brand})",
        "zh": "买过同品牌（{brand}）的{item}",
        "ja": "同じブランド（{brand}）の{item}を購入済み",
    },
    "saw_brand": {
        "en": "looked at {item} of the same brand ({brand})",
        "de": "{item} derselben Marke ({brand}) angesehen",
        "es": "viste {item} de la misma marca ({brand})",
        "fr": "vous avez regardé {item} de la même marque ({brand})",
        "pt": "viu {item} da mesma marca ({brand})",
        "zh": "看过同品牌（{brand}）的{item}",
        "ja": "同じブランド（{brand}）の{item}を閲覧済み",
    },
    "in_cart": {
        "en": "you put it in your cart", "de": "Sie haben es in den Warenkorb gelegt",
        "es": "lo pusiste en tu carrito", "fr": "vous l'avez mis dans votre panier",
        "pt": "você o colocou no carrinho", "zh": "你把它加入了购物车",
        "ja": "カートに入れた商品です",
    },
    "looked_at": {
        "en": "you looked at it", "de": "Sie haben es sich angesehen", "es": "lo viste",
        "fr": "vous l'avez regardé", "pt": "você o viu", "zh": "你看过它", "ja": "閲覧した商品です",
    },
    "popular_in_category": {
        "en": "popular in your category {category} ({fans} shoppers)",
        "de": "beliebt in Ihrer Kategorie {category} ({fans} Kunden)",
        "es": "popular en tu categoría {category} ({fans} compradores)",
        "fr": "populaire dans votre catégorie {category} ({fans} clients)",
        "pt": "popular na sua categoria {category} ({fans} compradores)",
        "zh": "在你关注的类别{category}中很受欢迎（{fans}位顾客）",
        "ja": "よく見るカテゴリ{category}で人気（{fans}人）",
    },
    "same_brand": {
        "en": "same brand ({brand})", "de": "dieselbe Marke ({brand})",
        "es": "misma marca ({brand})", "fr": "même marque ({brand})",
        "pt": "mesma marca ({brand})", "zh": "同一品牌（{brand}）", "ja": "同じブランド（{brand}）",
    },
    "same_category": {
        "en": "also in {category}", "de": "ebenfalls in {category}",
        "es": "también en {category}", "fr": "aussi dans {category}",
        "pt": "também em {category}", "zh": "同属{category}", "ja": "同じカテゴリ：{category}",
    },
    "popular_in_country": {
        "en": "popular with shoppers in {country}", "de": "beliebt bei Kunden in {country}",
        "es": "popular entre compradores de {country}", "fr": "apprécié des clients en {country}",
        "pt": "popular entre compradores de {country}", "zh": "在{country}的顾客中很受欢迎",
        "ja": "{country}のお客様に人気",
    },
    "similar_taste": {
        "en": "shoppers with similar taste liked it",
        "de": "Kunden mit ähnlichem Geschmack mochten es",
        "es": "a compradores con gustos parecidos les gustó",
        "fr": "des clients aux goûts proches l'ont aimé",
        "pt": "compradores com gosto parecido gostaram",
        "zh": "品味相近的顾客喜欢它", "ja": "好みの近いお客様に人気",
    },
}

# Search's slot names as a chip shows them.
SLOTS: dict[str, dict[str, str]] = {
    "category": {"en": "Category", "de": "Kategorie", "es": "Categoría", "fr": "Catégorie",
                 "pt": "Categoria", "zh": "类别", "ja": "カテゴリ"},
    "brand": {"en": "Brand", "de": "Marke", "es": "Marca", "fr": "Marque", "pt": "Marca",
              "zh": "品牌", "ja": "ブランド"},
    "colour": {"en": "Colour", "de": "Farbe", "es": "Color", "fr": "Couleur", "pt": "Cor",
               "zh": "颜色", "ja": "色"},
    "material": {"en": "Material", "de": "Material", "es": "Material", "fr": "Matière",
                 "pt": "Material", "zh": "材质", "ja": "素材"},
    "size": {"en": "Size", "de": "Größe", "es": "Talla", "fr": "Taille", "pt": "Tamanho",
             "zh": "尺码", "ja": "サイズ"},
    "gender": {"en": "For", "de": "Für", "es": "Para", "fr": "Pour", "pt": "Para", "zh": "适用",
               "ja": "対象"},
    "age_group": {"en": "Age group", "de": "Altersgruppe", "es": "Edad", "fr": "Âge",
                  "pt": "Faixa etária", "zh": "年龄段", "ja": "年齢層"},
    "price_min": {"en": "From", "de": "Ab", "es": "Desde", "fr": "À partir de", "pt": "A partir de",
                  "zh": "最低价", "ja": "下限"},
    "price_max": {"en": "Up to", "de": "Bis", "es": "Hasta", "fr": "Jusqu'à", "pt": "Até",
                  "zh": "最高价", "ja": "上限"},
    "ship_to": {"en": "Ships to", "de": "Versand nach", "es": "Envío a", "fr": "Livré en",
                "pt": "Envio para", "zh": "寄往", "ja": "配送先"},
    "sort": {"en": "Sort", "de": "Sortierung", "es": "Orden", "fr": "Tri", "pt": "Ordem",
             "zh": "排序", "ja": "並び順"},
    "keywords": {"en": "Words", "de": "Wörter", "es": "Palabras", "fr": "Mots", "pt": "Palavras",
                 "zh": "关键词", "ja": "キーワード"},
    "recipient": {"en": "For whom", "de": "Für wen", "es": "Para quién", "fr": "Pour qui",
                  "pt": "Para quem", "zh": "送给", "ja": "贈る相手"},
    "occasion": {"en": "Occasion", "de": "Anlass", "es": "Ocasión", "fr": "Occasion",
                 "pt": "Ocasião", "zh": "场合", "ja": "用途"},
}


def _lang(lang: str | None) -> str:
    return lang if lang in LANGS else "en"


def reason_text(reason: dict[str, Any] | None, lang: str | None) -> str | None:
    """A ranking statement's reason in words of ``lang`` (English when not served)."""
    if not reason or reason.get("kind") not in REASONS:
        return None
    code = _lang(lang)
    item = reason.get("item") or {}
    category = reason.get("category") or {}
    return REASONS[reason["kind"]][code].format(
        item=pick_text(item, "title", code)[0] or item.get("id", ""),
        brand=reason.get("brand") or "", fans=reason.get("fans", 0),
        country=reason.get("name") or reason.get("country") or "",
        category=pick_text(category, "name", code)[0] or category.get("id", ""))


def slot_label(name: str, value: str, lang: str | None) -> str:
    """A chip: the slot's name in ``lang`` and the value shown ("Farbe: rot")."""
    names = SLOTS.get(name)
    return f"{names[_lang(lang)]}: {value}" if names else value
