"""What a shopper's message asks: its language, its intent, and its slots grounded in the graph.

Intents are found by cue words per language (messages with none go to the trained classifier,
:mod:`api.assistant.classifier`); slots are a country (names in the seven languages from the
search vocabulary, so "Österreich" and "オーストリア" are AT), an order id and a product id (words
shaped like ids, kept only if the graph holds them: :mod:`api.assistant.facts`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache

from api.nlq.lexicon import VOCABULARY_FILE, country_names, fold, normalise
from loaders.models import LANGUAGES

INTENTS = ("order_status", "delivery_estimate", "ships_to", "returns", "duties",
           "product_question", "similar", "human")

# Cue words per intent and language, matched on the folded, case-folded message. Checked in
# INTENTS_BY_PRIORITY order: asking for a person beats everything, "return" beats "order".
CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "human": {
        "en": ("human", "a person", "real person", "agent", "someone", "talk to"),
        "de": ("mensch", "mitarbeiter", "person sprechen", "jemandem"),
        "es": ("humano", "una persona", "agente", "hablar con"),
        "fr": ("humain", "une personne", "conseiller", "parler a"),
        "pt": ("humano", "uma pessoa", "atendente", "falar com"),
        "zh": ("人工", "真人", "客服人员"),
        "ja": ("担当者", "人間", "オペレーター", "スタッフと"),
    },
    "similar": {
        "en": ("similar", "like this", "something like", "alternatives"),
        "de": ("ahnlich", "so etwas wie", "alternativ"),
        "es": ("parecido", "similar", "algo como"),
        "fr": ("similaire", "semblable", "quelque chose comme"),
        "pt": ("semelhante", "parecido", "algo como"),
        "zh": ("类似", "相似", "差不多的", "一样的", "像这样"),
        # "みたいな" alone is a hedge as often ("止まってるみたいな": seems stuck): with 商品 only.
        "ja": ("似た", "同じような", "似ている", "みたいな商品", "のような商品"),
    },
    "returns": {
        "en": ("return", "refund", "send back", "send it back"),
        "de": ("zuruck", "rucksend", "erstatt", "umtausch", "retour"),
        "es": ("devol", "devuelv", "reembols"),
        "fr": ("retour", "rembours", "renvoi", "renvoy"),  # renvoie, renvoyer, renvoyez
        "pt": ("devol", "reembols"),
        "zh": ("退货", "退款", "退回", "可以退", "能退", "退吗", "退换"),
        "ja": ("返品", "返金", "返送"),
    },
    "duties": {
        # The duty-free threshold ("de minimis") is asked about by name too.
        "en": ("duty", "duties", "tax", "vat", "import fee", "duty-free", "de minimis",
               "threshold"),
        "de": ("zoll", "zolle", "steuer", "mwst", "einfuhr", "freigrenze", "zollfrei"),
        "es": ("arancel", "impuesto", "iva", "franquicia", "umbral", "libre de impuestos"),
        # "la douane" alone is where a parcel waits ("bloqué à la douane"): paying it is a duty.
        "fr": ("droits de douane", "taxe", "tva", "droits", "franchise", "seuil",
               "frais de douane", "payer la douane", "paierai la douane", "paie la douane",
               "paye la douane", "payer des frais"),
        "pt": ("imposto", "taxa", "direitos", "iva", "isencao"),
        "zh": ("关税", "税"),
        "ja": ("関税", "税金", "消費税", "免税"),
    },
    "ships_to": {
        "en": ("ship to", "shipped to", "deliver to", "delivered to", "send to", "shipping to",
               "ship it to", "available in",
               # The price in the asker's currency, and why a product cannot be ordered to a
               # country: "to order" is a verb here, not an order id (both went elsewhere).
               "in my currency", "the total", "total cost", "total price", "can't i order",
               "cant i order", "cannot i order", "can't order", "cannot order", "can i order",
               "can't i buy", "cant i buy", "can i buy"),
        "de": ("liefern nach", "versand nach", "versenden nach", "geliefert nach", "nach",
               "in meiner wahrung", "gesamtpreis", "nicht bestellen", "bestellen nach"),
        "es": ("enviar a", "envian a", "envio a", "enviado a", "llega a", "en mi moneda",
               "precio total", "no puedo pedir", "no puedo comprar", "puedo pedir"),
        # French puts "au"/"aux" before many countries (au Brésil, aux États-Unis).
        "fr": ("livrer en", "livrer au", "livraison en", "expedier en", "livre en", "envoyer en",
               "livrer aux", "livraison au", "livraison aux", "expedier au", "expedier aux",
               "envoyer au", "envoyer aux", "livre au", "livre aux", "expedie en", "expedie au",
               "dans ma devise", "dans ma monnaie", "prix total", "peux pas commander",
               "puis-je commander"),
        "pt": ("enviar para", "envio para", "entregar em", "enviado para", "na minha moeda",
               "preco total", "nao posso encomendar", "nao posso comprar", "posso encomendar"),
        "zh": ("寄到", "运到", "配送到", "发货到", "送到"),
        "ja": ("に発送", "へ発送", "に配送", "へ配送", "に送れ", "へ送れ"),
    },
    "delivery_estimate": {
        "en": ("when will", "arrive", "delivery date", "how long", "when does", "how soon",
               "expected delivery"),
        "de": ("wann", "ankommen", "kommt an", "lieferdatum", "wie lange"),
        "es": ("cuando", "llegara", "llega mi", "fecha de entrega", "cuanto tarda",
               "cuanto falta"),
        "fr": ("quand", "arriver", "arrivera", "date de livraison", "combien de temps",
               "delai de livraison"),
        "pt": ("quando", "chega", "chegara", "data de entrega", "quanto tempo",
               "prazo de entrega"),
        "zh": ("什么时候", "何时", "多久", "到达", "几号到", "几天到"),
        "ja": ("いつ", "届く", "届きます", "到着", "何日"),
    },
    "order_status": {
        "en": ("where is my", "order status", "track", "my order", "my parcel", "my package"),
        "de": ("wo ist", "bestellung", "sendung", "paket"),
        "es": ("donde esta", "pedido", "paquete"),
        "fr": ("ou est", "commande", "colis", "suivi"),
        "pt": ("onde esta", "encomenda", "pedido", "pacote"),
        "zh": ("订单", "在哪", "包裹", "物流"),
        "ja": ("注文", "どこ", "荷物", "配送状況"),
    },
    "product_question": {
        "en": ("material", "colour", "color", "size", "made of", "rating", "review", "describe",
               "tell me about", "what is"),
        "de": ("material", "farbe", "grosse", "bewertung", "aus welchem", "erzahl"),
        "es": ("material", "color", "talla", "resena", "opinion", "de que"),
        "fr": ("matiere", "couleur", "taille", "avis", "en quoi"),
        "pt": ("material", "cor", "tamanho", "avaliac", "de que e"),
        "zh": ("材质", "颜色", "尺码", "评价", "什么材料"),
        "ja": ("素材", "色", "サイズ", "レビュー", "評価"),
    },
}
INTENTS_BY_PRIORITY = ("human", "similar", "returns", "duties", "ships_to", "delivery_estimate",
                       "order_status", "product_question")
assert set(CUES) == set(INTENTS) and all(set(c) == set(LANGUAGES) for c in CUES.values())

# Small words that tell Latin-script languages apart when cue words are shared ("retour"). A word
# both Spanish and Portuguese write often ("a", "para", "no", "algo") votes for neither: "a" and
# "para" once voted Portuguese, so "impuestos de aduana para Noruega" was answered in Portuguese.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the my is can i it you what how and to of this".split()),
    "de": frozenset("ich ist mein meine das und nicht wie was kann der die es wird".split()),
    "es": frozenset("el la mi es puedo que los las esto como un una y se hay del lo mis "
                    "tengo pueden puede usted ustedes todavia cuanto cuando aun ya nos al su sus "
                    "tienen tiene tienes quiero si con sin pero hasta muy cuesta cuestan "
                    "envian mandan cobran pido llega llegar llego donde otro otros otra otras "
                    "producto productos cual cuales".split()),
    "fr": frozenset("je le la mon ma est vous ce que les des et peux une un comment au aux du "
                    "quand ou pour pourquoi pas svp autres quel quelle".split()),
    "pt": frozenset("o meu minha e posso voce que os as isto como um uma nao voces tem "
                    "em na do da dos das ainda tenho quando quanto pra com sao quero custa "
                    "custam enviam mandam cobram chega chegar chegou onde sem mas muito ao isso "
                    "esse essa pode podem outro outros outra outras produto produtos qual quais "
                    "foi".split()),
}

# Letters only one of the Latin-script languages writes (before accents are folded away): a
# Spanish question was answered in Portuguese when its words alone tied.
LETTERS = {"es": "ñ¿¡", "pt": "ãõ", "fr": "œèû", "de": "äöüß"}
# Spelling that tells Spanish from Portuguese once the choice is between the two (French writes
# ç ê ô too, so these decide only there): -ción against -ção, "ll" and a "ue" inside a word
# (puede, cuesta, muestra; Portuguese pode, custa, mostra) against ç ê ô "lh" "nh".
IBERIAN_SPELLING: dict[str, tuple[re.Pattern[str], ...]] = {
    "es": (re.compile(r"ci[oó]n(?:es)?\b"), re.compile(r"\w*ll\w*"),
           re.compile(r"\w*(?<![qg])ue(?=[a-zñ])\w*"), re.compile(r"[ñ¿¡]")),
    "pt": (re.compile(r"ç[ãaõo]"), re.compile(r"[ãõêôç]"), re.compile(r"\w*(?:lh|nh)\w*"),
           re.compile(r"\bvoc[êe]s?\b")),
}

_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u3400-\u9fff]")
# Words shaped like ids (loaders/models.py) that hold a digit: candidate order and product ids.
_ID_WORD = re.compile(r"(?<![A-Za-z0-9_.:\-])([A-Za-z0-9_.:\-]*\d[A-Za-z0-9_.:\-]*)")


@dataclass
class Understanding:
    """The message's language, intent (None: no cue found) and slot candidates."""

    language: str | None
    intent: str | None
    countries: list[str] = field(default_factory=list)
    id_words: list[str] = field(default_factory=list)
    place_named: bool = False  # the message names a place ("I live in X"), grounded or not


def _key(text: str) -> str:
    return fold(normalise(text))


def _found(cue: str, text: str) -> bool:
    # The substring test first: a pattern per cue and country word (thousands) overflowed re's
    # cache of 512, so every message compiled them all again (322 ms of understand() per
    # message under load, bench/assistant_profile.py); now only words in the text are compiled.
    if cue not in text:
        return False
    if _HAN.search(cue) or _KANA.search(cue):
        return True
    return re.search(rf"(?<![^\W_]){re.escape(cue)}", text) is not None


# Short forms shoppers write that CLDR's names lack ("the US", "EE. UU.", "Holanda").
SHORT_FORMS = {"US": ("the us", "usa", "u.s.", "u.s.a.", "the states", "ee. uu.", "ee.uu.",
                      "eeuu", "eua", "etats-unis"),
               "GB": ("the uk", "uk", "u.k.", "great britain", "britain", "england"),
               "NL": ("holanda", "holland", "hollande", "olanda", "the netherlands"),
               "AE": ("uae", "the emirates"), "CZ": ("czech republic",), "KR": ("south korea",)}
# Words that put a place after them: a message with one names a country even when none of its
# names is known here, so the shopper's home country must not stand in for it silently.
_PLACE_PHRASE = re.compile(
    r"\b(?:live in|living in|ship(?:ped|ping)? to|send (?:it )?to|deliver(?:ed)? to|"
    r"(?:duties|duty|customs|taxes) (?:in|to|for|into)|wohne in|lebe in|liefern nach|"
    r"versand nach|vivo en|env[ií]o a|enviar a|moro (?:em|no|na)|vivo em|enviar para|"
    r"j'habite (?:en|au|aux|[aà])|je vis (?:en|au)|livrer (?:en|au))\s+"
    r"(?:(?:the|die|der|den|el|la|los|las|les|le|o|a|os|as)\s+)?(?=[A-ZÀ-Ý])")


@cache
def _country_words() -> tuple[tuple[str, str], ...]:
    """(word, code) pairs for every country name, longest first: CLDR's names in the seven
    languages and the short forms, then the search vocabulary's other words (cities such as
    "Porto"). Names come first so a city that is also a common word (German "Porto", postage)
    never outranks a country the message names."""
    vocab = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))["country"]
    names = {(_key(word), code) for code, by_lang in country_names().items()
             for word in by_lang.values() if not re.fullmatch(r"[\u30a0-\u30ff]{1,2}", word)}
    names |= {(_key(word), code) for code, words in SHORT_FORMS.items() for word in words}
    others = {(_key(word), code) for code, words in vocab.items() for word in words} - names
    return (tuple(sorted(names, key=lambda p: -len(p[0])))
            + tuple(("@" + w, c) for w, c in sorted(others, key=lambda p: -len(p[0]))))


@cache
def _name_languages() -> dict[str, tuple[str, ...]]:
    """Folded CLDR country name -> the Latin-script languages that write it, for names one or
    two of them write ("Países Bajos": Spanish; "Noruega": Spanish and Portuguese): the name a
    shopper uses says something of their language. Names most languages share say nothing."""
    writers: dict[str, set[str]] = {}
    for by_lang in country_names().values():
        for lang, name in by_lang.items():
            if lang not in ("zh", "ja"):
                writers.setdefault(_key(name), set()).add(lang)
    return {name: tuple(sorted(langs)) for name, langs in writers.items() if len(langs) <= 2}


def understand(message: str) -> Understanding:
    """The cue-word reading of ``message``: language guess, intent, countries and id words."""
    text = _key(message)
    votes: dict[str, int] = {}
    intent = None
    for name in INTENTS_BY_PRIORITY:
        for lang, cues in CUES[name].items():
            if any(_found(cue, text) for cue in cues):
                votes[lang] = votes.get(lang, 0) + 1
                intent = intent or name
    countries: list[str] = []
    rest = text
    for entry, code in _country_words():
        if entry.startswith("@") and countries:  # a city: only when no country name was found
            break
        word = entry.removeprefix("@")
        if _found(word, rest) and (_HAN.search(word) or _KANA.search(word) or re.search(
                rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", rest)):
            countries.append(code)
            rest = rest.replace(word, " ")
            for lang in _name_languages().get(word, ()):
                votes[lang] = votes.get(lang, 0) + 1
    lowered = message.casefold()
    for lang, letters in LETTERS.items():
        if any(letter in lowered for letter in letters):
            votes[lang] = votes.get(lang, 0) + 2
    for word in re.findall(r"[^\W\d_]+", text):
        for lang, words in FUNCTION_WORDS.items():
            if word in words:
                votes[lang] = votes.get(lang, 0) + 1
    return Understanding(_language(message, votes), intent, list(dict.fromkeys(countries)),
                         _id_words(message),
                         _PLACE_PHRASE.search(message) is not None)


def _id_words(message: str) -> list[str]:
    """Words shaped like ids, each also without the sentence's punctuation stuck to its end
    ("demo-order-7:", "ta-p-1."), that form first: ids rarely end in a dot or colon."""
    words = []
    for word in _ID_WORD.findall(message):
        trimmed = word.rstrip(".:-_")
        words += [trimmed, word] if trimmed and trimmed != word and any(c.isdigit() for c in trimmed) else [word]
    return list(dict.fromkeys(words))


def _language(message: str, votes: dict[str, int]) -> str | None:
    if _KANA.search(message):
        return "ja"
    if _HAN.search(message):
        return "zh"
    latin = {lang: n for lang, n in votes.items() if lang not in ("zh", "ja")}
    if not latin:
        return None
    best = max(latin, key=lambda lang: (latin[lang], lang == "en"))
    if best in ("es", "pt", "en"):
        return _spanish_or_portuguese(message, latin, best)
    return best


def _spanish_or_portuguese(message: str, votes: dict[str, int], best: str) -> str:
    """Spanish or Portuguese by words and spelling together, when one of them leads (or English
    leads only by a tie: "tem algo similar?"); ``best`` where spelling says nothing either way.

    Short questions share most words ("algo parecido", "devolución/devolução" fold alike), so
    spelling counts: every word that shows one language's spelling adds a vote to it.
    """
    lowered = message.casefold()
    score = {lang: votes.get(lang, 0) + sum(len(p.findall(lowered)) for p in patterns)
             for lang, patterns in IBERIAN_SPELLING.items()}
    top = max(score.values())
    if best == "en" and top <= votes.get("en", 0):
        return best
    leaders = [lang for lang, n in score.items() if n == top]
    return leaders[0] if len(leaders) == 1 else best
