"""An intent from what a message grounds, where its words alone mislead or say nothing known.

Cue words and the classifier read words; the slots a message grounds in the graph are evidence
too. A message that names a product the shop holds and a country it holds, and that no cue word
or confident class places, asks whether that product reaches that country ("demo-product-191寄西班牙",
"moro em Espanha, posso receber X aí"): it was handed to a person. A message holding an
order-shaped id and nothing else known asks about that order ("where is order X?"), answered
as any order question is: "I found no order X of yours" when it is not the asker's, exactly as
for one that does not exist. And an order cue ("commander", 注文) in a message that names a
product and a country but no order asks about shipping that product there ("Pourquoi je ne peux
pas commander X vers Argentine ?" was answered with the shopper's newest order).
"""

from __future__ import annotations

import re
from typing import Any

# An id that looks like an order's: letters, digits and a separator, five characters or more
# ("demo-order-22-2", "ta-o-1"); "8f3k" or a bare number is no order id.
ORDER_SHAPED = re.compile(r"(?=.*[A-Za-z])(?=.*\d)(?=.*[-_.:])[A-Za-z0-9_.:\-]{5,}")
ORDER_INTENTS = ("order_status", "delivery_estimate")


def implied(slots: dict[str, Any]) -> str | None:
    """The intent the message's grounded slots alone imply, when its words placed none."""
    if "product_id" in slots and "country" in slots:
        return "ships_to"
    order = slots.get("order_id")
    if order and ORDER_SHAPED.fullmatch(order):
        return "order_status"
    return None


def corrected(intent: str | None, slots: dict[str, Any]) -> str | None:
    """``intent`` unless the grounded slots contradict it: an order cue with a product and a
    country grounded and no order id is a shipping question."""
    if intent in ORDER_INTENTS and "order_id" not in slots and "product_id" in slots \
            and "country" in slots:
        return "ships_to"
    return intent
