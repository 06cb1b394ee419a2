"""Graph facts behind each answer, read through the API's session; every one names its node.

A :class:`Reply` carries the sentence (from :mod:`api.assistant.templates`), the ids of the nodes
it came from (citations) and the facts it states (name -> value as written in the sentence), so
that a rephrasing can be checked against them. A shopper only ever reaches their own orders: the
order statement matches on ``PLACED_BY`` the asking shopper, so another shopper's order id reads
exactly like an id that does not exist.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from api.assistant.aspects import AspectMentions, aspect_name
from api.assistant.attributes import cjk_name, described
from api.assistant.templates import PAYER_WORDS, STATUS_WORDS, say
from api.money import decimal_text
from api.nlq.lexicon import VOCABULARY_FILE, country_names
from graph.session import GraphSession


# Statuses after which an order travels no more (no estimate to give).
FINISHED = ("delivered", "returned", "cancelled")


@dataclass
class Reply:
    """One answer before it is sent: text, citations, stated facts, and any handoff."""

    text: str
    citations: list[str] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)
    handoff: str | None = None  # "human", "recommendations"
    handoff_reason: str | None = None


@dataclass
class Asker:
    """Who asks and in what terms: shopper id (None: anonymous), language, currency, country."""

    shopper_id: str | None
    language: str
    currency: str
    country: str | None
    base_currency: str


@cache
def _vocabulary_names() -> dict[str, list[str]]:
    return json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))["country"]


def country_name(code: str, lang: str, graph_name: str | None = None) -> str:
    """The country's name for an answer in ``lang``: its CLDR name in that language
    (``api/nlq/country_names.json``, so a German answer says "Österreich"); for a code CLDR does
    not know, the graph's name, else the search vocabulary's (Chinese and Japanese by script)."""
    cldr = country_names().get(code, {}).get(lang)
    if cldr:
        return cldr
    names = _vocabulary_names().get(code, [])
    if lang in ("zh", "ja"):
        name = cjk_name(names, lang)
        if name:
            return name
    return graph_name or (names[0].title() if names else code)


def money(amount: float, currency: str) -> str:
    """``amount`` in ``currency``'s own decimals: "79.90 EUR", "5338 JPY", "1.250 KWD"."""
    return f"{decimal_text(amount, currency)} {currency}"


def product_name(texts: dict[str, Any], product_id: str, lang: str) -> str:
    title = texts.get(f"title_{lang}") or texts.get("title_en") or next(
        (v for k, v in sorted(texts.items()) if k.startswith("title_") and v), None)
    return f"{title} ({product_id})" if title else product_id


async def order_reply(graph: GraphSession, asker: Asker, order_id: str | None) -> Reply:
    """Where the order is and when it arrives (or arrived); the newest when no id.

    The answer states state every date the graph holds for the order: each status step's (so a
    returned order still says when it was delivered), the promised date of a delivered or
    returned one, and the estimated and promised dates while it is on its way.
    """
    lang = asker.language
    if asker.shopper_id is None:
        return Reply(say("sign_in", lang))
    rows = await graph.read("queries/assistant_order", shopper_id=asker.shopper_id,
                            order_id=order_id)
    if not rows:
        if order_id is None:
            return Reply(say("no_orders", lang))
        return Reply(say("order_not_found", lang, order=order_id), facts={"order": order_id})
    o = rows[0]
    events = [e for e in o["events"] if e["id"] is not None]
    last = events[-1] if events else {"status": "placed", "at": o["placed_at"], "id": None}
    at = str(last["at"])[:10]
    facts = {"order": o["id"], "status": last["status"], "at": at}
    text = say("status", lang, order=o["id"], status=STATUS_WORDS[lang][last["status"]], at=at)
    if last.get("note"):
        text += say("note", lang, note=last["note"])
        facts["note"] = last["note"]
    if o["carrier"] and o["tracking_id"] and last["status"] not in ("placed", "paid", "cancelled"):
        text += say("tracking", lang, carrier=o["carrier"], tracking=o["tracking_id"])
        facts |= {"carrier": o["carrier"], "tracking": o["tracking_id"]}
    if len(events) > 1:  # every step the graph holds, with its date ("delivered at" included)
        steps = [(e["status"], str(e["at"])[:10]) for e in events]
        text += say("steps", lang, steps=", ".join(
            say("step", lang, status=STATUS_WORDS[lang][status], at=day) for status, day in steps))
        facts |= {f"{status}_at": day for status, day in steps}
    if last["status"] in FINISHED:
        if o["promised_by"] and last["status"] != "cancelled":
            text += say("promised", lang, promised=o["promised_by"])
            facts["promised"] = o["promised_by"]
    elif o["estimated_by"] or o["promised_by"]:  # on its way: when it should arrive
        estimated = o["estimated_by"] or o["promised_by"]
        promised = o["promised_by"] or o["estimated_by"]
        text += say("estimate", lang, estimated=estimated, promised=promised)
        facts |= {"estimated": estimated, "promised": promised}
    citations = [o["id"], *(e["id"] for e in events), o["country"]]
    return Reply(text, citations, facts)


async def order_context(graph: GraphSession, asker: Asker, order_id: str | None
                        ) -> dict[str, Any] | None:
    """The asker's order (newest when no id) for questions about its product or return."""
    if asker.shopper_id is None:
        return None
    rows = await graph.read("queries/assistant_order", shopper_id=asker.shopper_id,
                            order_id=order_id)
    return rows[0] if rows else None


async def shipping_reply(graph: GraphSession, asker: Asker, product_id: str,
                         country: str) -> Reply:
    """Whether the product ships to the country, at what cost in the asker's currency, or why not."""
    lang = asker.language
    product = (await graph.read("queries/assistant_product", product_id=product_id))[0]
    rows = await graph.read("queries/assistant_shipping", product_id=product_id, country=country,
                            currency=asker.currency)
    name = product_name(product["texts"], product_id, lang)
    facts = {"product": product_id, "country": country}
    if not rows:
        return Reply(say("ships_no", lang, product=name, country=country_name(country, lang)),
                     [product_id], facts | {"ships": "no"})
    row = rows[0]
    where = country_name(country, lang, row["country_name"])
    rate, currency = (row["rate"], asker.currency) if row["rate"] else (1.0, asker.base_currency)
    if row["restricted_because"]:
        reason, in_english = restriction_reason(row, lang)
        said = say("reason_en", lang, reason=reason) if in_english else reason
        return Reply(say("ships_restricted", lang, product=name, country=where, reason=said),
                     [product_id, country], facts | {"ships": "no", "reason": reason})
    if not row["ships"]:
        return Reply(say("ships_no", lang, product=name, country=where), [product_id, country],
                     facts | {"ships": "no"})
    cost, price = money(row["cost"] * rate, currency), money(row["price"] * rate, currency)
    text = say("ships_yes", lang, product=name, country=where, days=row["days"], cost=cost)
    text += say("price", lang, price=price)
    return Reply(text, [product_id, country],
                 facts | {"ships": "yes", "days": str(row["days"]), "cost": cost, "price": price})


def restriction_reason(row: dict[str, Any], lang: str) -> tuple[str, bool]:
    """Why the product may not go there, in ``lang`` if the catalog gives it (``reason_<lang>``),
    else in English; and whether the English fallback was taken for another language."""
    translated = (row.get("reasons") or {}).get(f"reason_{lang}") if lang != "en" else None
    if translated:
        return translated, False
    return row["restricted_because"], lang != "en"


async def returns_reply(graph: GraphSession, asker: Asker, country: str,
                        category_id: str | None, cited: list[str]) -> Reply:
    """The return policy into ``country`` for the category (or the country's general one)."""
    lang = asker.language
    rows = await graph.read("queries/assistant_returns", country=country, category_id=category_id)
    if not rows:
        return Reply(say("no_policy", lang, country=country_name(country, lang)), [country], {"country": country},
                     handoff="human", handoff_reason="no return policy")
    p = rows[0]
    where = country_name(country, lang, p["country_name"])
    facts = {"country": country, "window_days": str(p["window_days"]), "paid_by": p["paid_by"]}
    if p["window_days"] == 0:
        text = say("not_returnable", lang, country=where)
    else:
        text = say("returns", lang, country=where, days=p["window_days"],
                   payer=PAYER_WORDS[lang][p["paid_by"]])
    exceptions, in_english = policy_exceptions(p, lang)
    if exceptions:
        items = ("、" if lang in ("zh", "ja") else ", ").join(exceptions)
        text += say("exceptions_en" if in_english else "exceptions", lang, items=items)
        facts["exceptions"] = items
    return Reply(text, [*cited, p["id"], country], facts)


def policy_exceptions(policy: dict[str, Any], lang: str) -> tuple[list[str], bool]:
    """The policy's exceptions in ``lang`` if the catalog gives them, else in English; and
    whether the English fallback was taken for another language (the answer says so)."""
    if lang != "en":
        translated = (policy.get("translated") or {}).get(f"exceptions_{lang}")
        if translated:
            return list(translated), False
    return list(policy["exceptions"]), lang != "en" and bool(policy["exceptions"])


async def duties_reply(graph: GraphSession, asker: Asker, country: str) -> Reply:
    """Duty, VAT and the duty-free threshold (in the asker's currency) into ``country``."""
    lang = asker.language
    rows = await graph.read("queries/assistant_country", country=country, currency=asker.currency)
    where = country_name(country, lang, rows[0]["country_name"] if rows else None)
    if not rows or rows[0]["duty_percent"] is None:
        return Reply(say("no_duties", lang, country=where), [country], {"country": country},
                     handoff="human", handoff_reason="no duty information")
    c = rows[0]
    rate, currency = (c["rate"], asker.currency) if c["rate"] else (1.0, asker.base_currency)
    threshold = money(c["de_minimis"] * rate, currency)
    duty, vat = f"{c['duty_percent']:g}", f"{c['vat_percent']:g}"
    return Reply(say("duties", lang, country=where, duty=duty, vat=vat, threshold=threshold),
                 [country], {"country": country, "duty_percent": duty, "vat_percent": vat,
                             "threshold": threshold})


async def product_reply(graph: GraphSession, asker: Asker, product_id: str,
                        aspects: list[AspectMentions] | None = None) -> Reply:
    """A product's description, attributes and rating, and how its reviews speak of each aspect
    the shopper asked about (``aspects``, from :func:`api.assistant.aspects.aspect_sentiment`)."""
    lang = asker.language
    p = (await graph.read("queries/assistant_product", product_id=product_id))[0]
    texts = p["texts"]
    description = texts.get(f"description_{lang}") or texts.get("description_en")
    phrases, attributes = described(p, lang)  # "Farbe: Schwarz", in the asker's language
    parts = [description, *phrases] if description else phrases
    facts = {"product": product_id} | attributes
    text = say("product", lang, product=product_name(texts, product_id, lang),
               attributes=("、" if lang in ("zh", "ja") else ", ").join(parts) or "-")
    if p["review_count"]:
        rating = f"{p['avg_rating']:.1f}"
        text += say("rating", lang, rating=rating, count=p["review_count"])
        facts |= {"rating": rating, "reviews": str(p["review_count"])}
    cited = [product_id]
    for seen in aspects or []:
        name = aspect_name(seen.aspect, lang)
        if seen.count == 0:  # nothing to say about it, and nothing is said
            text += say("aspect_none", lang, aspect=name)
            continue
        text += say("aspect", lang, aspect=name, count=seen.count, positive=seen.positive,
                    neutral=seen.neutral, negative=seen.negative)
        facts[f"{seen.aspect}_reviews"] = (f"{seen.count}: {seen.positive} positive, "
                                           f"{seen.neutral} neutral, {seen.negative} negative")
        cited += seen.review_ids
    return Reply(text, cited, facts)


async def similar_reply(graph: GraphSession, asker: Asker, product_id: str) -> Reply:
    """Hands "something like this" to ``similarProducts`` for the product."""
    p = (await graph.read("queries/assistant_product", product_id=product_id))[0]
    return Reply(say("similar", asker.language,
                     product=product_name(p["texts"], product_id, asker.language)),
                 [product_id], {"product": product_id}, handoff="recommendations")
