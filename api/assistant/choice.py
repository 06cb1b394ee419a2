"""Which product "it" means when a signed-in shopper's message names none: theirs, never a guess.

"Can it be shipped to Austria?", with no product in the message or the conversation, used to be
answered for the first line of the shopper's newest order, silently: a shopper with several
products got an answer about one they may not have meant. The candidates are the products of
their recent orders (of the order the message names, if it names one): exactly one is used, and
the answer says which; several, and the shopper is asked which, offered them as choices (each
cited); a return question is answered without asking when every candidate falls under the same
return policy (the choice would change nothing).
"""

from __future__ import annotations

from typing import Any

from api.assistant.facts import Asker, Reply, product_name
from api.assistant.templates import say
from graph.session import GraphSession

# How many of the shopper's recent products are offered as choices.
MAX_CHOICES = 5
# Intents whose answer is about one product.
NEEDS_PRODUCT = frozenset({"ships_to", "returns", "product_question", "similar"})


async def candidates(session: GraphSession, asker: Asker,
                     order: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The products "it" may mean: the named ``order``'s lines, else the asker's recent ones.

    Each is a dict with ``product_id``, ``category_id``, ``order_id``, ``country`` (the order's
    destination) and ``titles``; none for an anonymous asker.
    """
    if asker.shopper_id is None:
        return []
    if order is not None:
        return [{"product_id": ln["product_id"], "category_id": ln["category_id"],
                 "order_id": order["id"], "country": order["country"], "titles": ln["titles"]}
                for ln in order["lines"]][:MAX_CHOICES]
    return await session.read("queries/assistant_recent_products", shopper_id=asker.shopper_id,
                              k=MAX_CHOICES)


def choices_reply(choices: list[dict[str, Any]], lang: str) -> Reply:
    """"Which product do you mean?", offering the shopper's own products (cited with their
    orders)."""
    names = ", ".join(product_name(c["titles"], c["product_id"], lang) for c in choices)
    cited = [c["product_id"] for c in choices] + [c["order_id"] for c in choices]
    return Reply(say("which_of_yours", lang, products=names), list(dict.fromkeys(cited)),
                 {"choices": ", ".join(c["product_id"] for c in choices)})


def chosen_preamble(choice: dict[str, Any], lang: str) -> str:
    """"About X, from your order Y: ", put before an answer about the one candidate."""
    return say("about", lang, product=product_name(choice["titles"], choice["product_id"], lang),
               order=choice["order_id"])


async def one_policy(session: GraphSession, choices: list[dict[str, Any]],
                     country: str | None) -> bool:
    """Whether every candidate's return falls under the same policy into the same country."""
    seen = set()
    for c in choices:
        where = country or c["country"]
        rows = await session.read("queries/assistant_returns", country=where,
                                  category_id=c["category_id"])
        seen.add((where, rows[0]["id"] if rows else None))
    return len(seen) == 1
