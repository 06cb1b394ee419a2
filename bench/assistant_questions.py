"""The benchmark's questions for the assistant: eval-only phrasings, with the facts each answer
must state, built from the demo catalog files of a world the assistant was never tuned on.

The phrasings here are written apart from the classifier's training questions
(``language/intent_questions.json``) and share none of them. Expected facts come from the
generated files (orders, status steps, shipping, restrictions, policies, duties), not from the
assistant, so a wrong answer cannot vouch for itself.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from string import Formatter
from typing import Any

from api.assistant.attributes import attribute_word
from api.assistant.facts import cjk_name
from api.assistant.templates import PAYER_WORDS, STATUS_WORDS, say
from api.nlq.lexicon import VOCABULARY_FILE
from loaders.models import LANGUAGES

PHRASES: dict[str, dict[str, list[str]]] = {
    "order_status": {
        "en": ["Could you check on order {order} for me?", "I need an update about my order"],
        "de": ["Bitte prüfen Sie den Stand der Bestellung {order}", "Wo bleibt meine Bestellung?"],
        "es": ["¿Me dice cómo va el pedido {order}?", "¿Dónde está mi pedido ahora?"],
        "fr": ["Où en est la commande {order} ?", "Où est ma commande en ce moment ?"],
        "pt": ["Como está a encomenda {order}?", "Onde está o meu pedido agora?"],
        "zh": ["帮我查一下订单{order}", "我的订单现在在哪？"],
        "ja": ["注文{order}の状況を確認してください", "私の注文は今どこですか"],
    },
    "delivery_estimate": {
        "en": ["When should order {order} arrive?", "When will my package arrive?"],
        "de": ["Wann kommt die Bestellung {order} an?", "Wann ungefähr wird das Paket ankommen?"],
        "es": ["¿Cuándo llegará el pedido {order}?", "¿Cuándo llegará mi paquete?"],
        "fr": ["Quand la commande {order} va-t-elle arriver ?", "Quand mon colis va-t-il arriver ?"],
        "pt": ["Quando chega a encomenda {order}?", "Quando chega o meu pacote?"],
        "zh": ["订单{order}什么时候到达？", "包裹什么时候能到？"],
        "ja": ["注文{order}はいつ届く予定ですか", "荷物はいつ届きますか"],
    },
    "ships_to": {
        "en": ["Is it possible to have {product} shipped to {country}?"],
        "de": ["Liefern Sie {product} auch nach {country}?"],
        "es": ["¿Se puede enviar {product} a {country}?"],
        "fr": ["Pouvez-vous livrer {product} en {country} ?"],
        "pt": ["É possível enviar {product} para {country}?"],
        "zh": ["{product}可以寄到{country}吗？"],
        "ja": ["{product}を{country}に発送してもらえますか"],
    },
    "returns": {
        "en": ["What is the return policy for {country}?"],
        "de": ["Wie funktioniert die Rücksendung nach {country}?"],
        "es": ["¿Cómo es la devolución desde {country}?"],
        "fr": ["Quelle est la politique de retour pour {country} ?"],
        "pt": ["Como funciona a devolução em {country}?"],
        "zh": ["{country}的退货政策是什么？"],
        "ja": ["{country}からの返品条件を教えてください"],
    },
    "duties": {
        "en": ["What import duties apply for {country}?"],
        "de": ["Welche Zölle fallen für {country} an?"],
        "es": ["¿Qué aranceles hay para {country}?"],
        "fr": ["Quels droits de douane pour {country} ?"],
        "pt": ["Que impostos de importação há para {country}?"],
        "zh": ["{country}的关税是多少？"],
        "ja": ["{country}向けの関税はいくらですか"],
    },
    "product_question": {
        "en": ["Which material is {product}?"],
        "de": ["Aus welchem Material besteht {product}?"],
        "es": ["¿Qué material tiene {product}?"],
        "fr": ["Quelle est la matière de {product} ?"],
        "pt": ["Qual é o material de {product}?"],
        "zh": ["{product}用的是什么材质？"],
        "ja": ["{product}の素材を教えて"],
    },
    "similar": {
        "en": ["Anything similar to {product}?"],
        "de": ["Haben Sie etwas Ähnliches wie {product}?"],
        "es": ["¿Tienen algo parecido a {product}?"],
        "fr": ["Avez-vous un article similaire à {product} ?"],
        "pt": ["Têm algo semelhante a {product}?"],
        "zh": ["有和{product}类似的吗？"],
        "ja": ["{product}に似た商品はありますか"],
    },
    "human": {
        "en": ["Please let me talk to a human being"],
        "de": ["Ich will bitte mit einem Mitarbeiter reden"],
        "es": ["Quiero hablar con un agente, por favor"],
        "fr": ["Je voudrais parler à un conseiller"],
        "pt": ["Quero falar com um atendente, por favor"],
        "zh": ["请帮我转人工"],
        "ja": ["担当者に代わってください"],
    },
}


@dataclass
class Question:
    text: str
    language: str
    intent: str
    shopper_id: str | None
    facts: list[str]  # strings the answer must contain
    allowed: list[str]  # texts whose numbers the answer may state
    handoff: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def _name(names: list[str], lang: str, rng: Random) -> str:
    """A name of the country a shopper writing ``lang`` might use: by script for zh and ja, any
    Latin-script one (English, local, another language's) for the others."""
    if lang in ("zh", "ja"):
        return cjk_name(names, lang) or names[0]
    return rng.choice([n for n in names if n.isascii() or not cjk_name([n], "zh")][:5])


def _rows(folder: Path, entity: str) -> list[dict[str, Any]]:
    path = folder / f"{entity}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


# Placeholders each intent's phrasings may hold, and those they must hold: the facts the answer
# must state are computed from them. Order phrasings without {order} ask about the newest order.
ALLOWED = {"order_status": ("order",), "delivery_estimate": ("order",),
           "ships_to": ("product", "country"), "returns": ("country",), "duties": ("country",),
           "product_question": ("product",), "similar": ("product",)}
REQUIRED = {"ships_to": ("product", "country"), "returns": ("country",), "duties": ("country",),
            "product_question": ("product",), "similar": ("product",)}
# Besides the eight intents a file may list messages the assistant cannot help with: the
# expected answer is the honest "I can't help with that" and a ticket (intent "human").
CANNOT_HELP = "cannot_help"


def load_phrases(path: Path) -> dict[str, dict[str, list[str]]]:
    """The phrasings of a question file, in the format of :data:`PHRASES`.

    A phrasing that cannot be used is left out with a warning on stderr naming the file, intent,
    language, position and why (an unknown placeholder, or one its intent needs is missing); the
    others are kept.

    Raises:
        ValueError: the file is not JSON, not an object of objects of lists of strings, or names
            an unknown intent or language (nothing of it is used then).
    """
    from api.assistant.understand import INTENTS

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ValueError(f"{path}: not a readable JSON file: {e}") from e
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected an object of intents, found {type(data).__name__}")
    phrases: dict[str, dict[str, list[str]]] = {}
    for intent, by_lang in data.items():
        if intent.startswith("_"):
            continue
        if intent not in (*INTENTS, CANNOT_HELP):
            raise ValueError(f"{path}: unknown intent {intent!r}; expected one of "
                             f"{[*INTENTS, CANNOT_HELP]} (or a key starting with _)")
        if not isinstance(by_lang, dict):
            raise ValueError(f"{path}: {intent}: expected an object of languages")
        for lang, texts in by_lang.items():
            if lang not in LANGUAGES:
                raise ValueError(f"{path}: {intent}: unknown language {lang!r}; expected {LANGUAGES}")
            if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
                raise ValueError(f"{path}: {intent}.{lang}: expected a list of strings")
            for i, text in enumerate(texts):
                why = _unusable(intent, text)
                if why:
                    print(f"warning: {path}: {intent}.{lang}[{i}] {text!r} left out: {why}",
                          file=sys.stderr)
                else:
                    phrases.setdefault(intent, {}).setdefault(lang, []).append(text)
    return phrases


def _unusable(intent: str, text: str) -> str | None:
    try:
        names = {name for _, name, _, _ in Formatter().parse(text) if name is not None}
    except ValueError as e:
        return f"bad braces: {e}"
    unknown = names - set(ALLOWED.get(intent, ()))
    if unknown:
        return f"placeholder(s) {sorted(unknown)} not usable here; {intent} takes {list(ALLOWED.get(intent, ()))}"
    missing = [name for name in REQUIRED.get(intent, ()) if name not in names]
    if missing:
        return f"{intent} needs {{{'}, {'.join(missing)}}}"
    return None


def build_questions(folder: Path, per_cell: int, seed: int,
                    phrases: dict[str, dict[str, list[str]]] | None = None) -> list[Question]:
    """Questions per intent and language from the demo files in ``folder``: ``per_cell`` of
    them, or one per phrasing where a cell has more (``phrases``: default :data:`PHRASES`)."""
    phrases = PHRASES if phrases is None else phrases
    rng = Random(seed)
    names = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))["country"]
    products = {p["id"]: p for p in _rows(folder, "products")}
    shoppers = {s["id"]: s for s in _rows(folder, "shoppers")}
    orders = _rows(folder, "orders")
    events: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in _rows(folder, "order_events"):
        events[e["order_id"]].append(e)
    newest: dict[str, dict[str, Any]] = {}
    for o in orders:
        if o["placed_at"] > newest.get(o["shopper_id"], {"placed_at": ""})["placed_at"]:
            newest[o["shopper_id"]] = o
    shipping = {(r["product_id"], r["country"]): r for r in _rows(folder, "shipping")}
    restricted = {(r["product_id"], r["country"]): r for r in _rows(folder, "restrictions")}
    general = {r["country"]: r for r in _rows(folder, "return_policies") if "category_id" not in r}
    duties = {r["country"]: r for r in _rows(folder, "duty_notes")}
    # Countries the vocabulary names in all seven languages (it lists them in LANGUAGES order).
    names = {c: n for c, n in names.items() if cjk_name(n, "zh") and cjk_name(n, "ja")}
    countries = sorted(c for c in duties if c in names)
    rates = {r["currency"]: r["rate"] for r in _rows(folder, "exchange_rates")}
    stars: dict[str, list[int]] = defaultdict(list)
    for review in _rows(folder, "reviews"):
        stars[review["product_id"]].append(review["rating"])
    ratings = {pid: [f"{sum(s) / len(s):.1f}", str(len(s)), "5"] for pid, s in stars.items()}
    out: list[Question] = []
    for lang in LANGUAGES:
        for intent, by_lang in phrases.items():
            cell = by_lang.get(lang, [])
            for i in range(max(per_cell, len(cell)) if cell else 0):
                phrase = cell[i % len(cell)]
                country = rng.choice(countries)
                cname = _name(names[country], lang, rng)
                pid = rng.choice(sorted(products))
                q = _question(intent, lang, phrase, country, cname, pid, rng, products, shoppers,
                              orders, newest, events, shipping, restricted, general, duties,
                              rates)
                if intent == "product_question":  # its rating out of 5, from the reviews file
                    q.allowed += ratings.get(q.facts[0], [])
                out.append(q)
    return out


def _question(intent: str, lang: str, phrase: str, country: str, cname: str, pid: str,
              rng: Random, products: dict, shoppers: dict, orders: list, newest: dict,
              events: dict, shipping: dict, restricted: dict, general: dict, duties: dict,
              rates: dict) -> Question:
    if intent in ("order_status", "delivery_estimate"):
        order = rng.choice(orders)
        sid = order["shopper_id"]
        if "{order}" not in phrase:
            order = newest[sid]
        steps = sorted(events[order["id"]], key=lambda e: e["at"])
        last = steps[-1]
        facts = [order["id"], STATUS_WORDS[lang][last["status"]], last["at"][:10]]
        if intent == "delivery_estimate" and last["status"] not in (
                "delivered", "returned", "cancelled") and order.get("estimated_by"):
            facts.append(order["estimated_by"])
        return Question(phrase.format(order=order["id"]), lang, intent, sid, facts,
                        [*facts, order.get("estimated_by") or "", order.get("promised_by") or "",
                         order.get("tracking_id") or "", *(e["at"] for e in steps)])
    if intent == "ships_to":
        pick = rng.random()
        pool = restricted if pick < 0.3 else shipping
        pid, country = rng.choice(sorted(pool))
        names = {c: n for c, n in json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))[
            "country"].items() if cjk_name(n, "zh") and cjk_name(n, "ja")}
        if country not in names:
            pid, country = next(k for k in sorted(pool) if k[1] in names)
        cname = _name(names[country], lang, rng)
        title = products[pid]["titles"].get(lang) or products[pid]["titles"]["en"]
        text = phrase.format(product=pid, country=cname)
        if (pid, country) in restricted:
            why = restricted[(pid, country)]  # said in the asker's language where given
            facts = [pid, why.get(f"reason_{lang}") or why["reason"]]
        elif (pid, country) in shipping:
            s = shipping[(pid, country)]
            facts = [pid, f"{s['days']}", f"{s['cost']:.2f} EUR"]
        else:
            facts = [pid]
        price = products[pid]["price"] / rates[products[pid]["currency"]]
        return Question(text, lang, intent, None, facts, [*facts, title, f"{price:.2f}"])
    product = products[pid]
    title = product["titles"].get(lang) or product["titles"]["en"]
    desc = product.get("descriptions", {}).get(lang) or product.get("descriptions", {}).get("en", "")
    if intent == "returns":
        p = general[country]
        facts = [str(p["window_days"]), PAYER_WORDS[lang][p["paid_by"]]]
        return Question(phrase.format(country=cname), lang, intent, None, facts, facts)
    if intent == "duties":
        d = duties[country]
        facts = [f"{d['duty_percent']:g}%", f"{d['vat_percent']:g}%", f"{d['de_minimis']:.2f} EUR"]
        return Question(phrase.format(country=cname), lang, intent, None, facts, facts)
    if intent == "product_question":
        facts = [pid, *(attribute_word(k, product[k], lang) for k in ("material", "colour")
                        if product.get(k))]  # in the asker's words: "Baumwolle", not "cotton"
        return Question(phrase.format(product=pid), lang, intent, None, facts,
                        [*facts, title, desc, product.get("size") or ""])
    if intent == "similar":
        return Question(phrase.format(product=pid), lang, intent, None, [pid], [pid, title],
                        handoff="recommendations")
    if intent == CANNOT_HELP:  # an honest "I can't help", then a person
        return Question(phrase, lang, "human", rng.choice(sorted(shoppers)),
                        [say("cannot_help", lang)], [], handoff="human",
                        meta={"cannot_help": True})
    return Question(phrase, lang, intent, rng.choice(sorted(shoppers)), [], [], handoff="human")
