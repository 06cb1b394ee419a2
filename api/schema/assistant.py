"""The ``assistant`` mutation: a shopper's customer-service conversation, one message at a time.

A mutation because each message is recorded in the graph (the conversation follow-ups resolve
against, and a ticket when a person takes over). Signed-in shoppers reach their own orders;
anonymous visitors and staff get general answers (shipping, returns, duties, products).
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from api import limits
from api.assistant import MAX_MESSAGE, answer
from api.auth import Role
from api.schema.common import Info, Language, lang_code


@strawberry.type(description="The assistant's answer, composed from graph facts.")
class AssistantReply:
    text: str = strawberry.field(description="The answer, composed from graph facts.")
    language: str = strawberry.field(description="The language `text` is in (en de es fr pt zh ja).")
    intent: str = strawberry.field(description=(
        "order_status, delivery_estimate, ships_to, returns, duties, product_question, similar"
        " or human."))
    citations: list[strawberry.ID] = strawberry.field(
        description="Ids (country codes for countries) of the nodes the answer's facts came from.")
    handoff: str | None = strawberry.field(description=(
        "`human`: a ticket was opened (`ticketId`); `recommendations`: ask `similarProducts` for"
        " the cited product."))
    conversation_id: strawberry.ID = strawberry.field(
        description="Pass it with the next message so follow-ups resolve against this one.")
    ticket_id: strawberry.ID | None = strawberry.field(
        description="The ticket opened for a person to follow up, if any.")


@strawberry.type
class AssistantMutation:
    @strawberry.mutation(description=(
        "Ask the customer-service assistant; signed-in shoppers may ask about their own orders."))
    async def assistant(
        self, info: Info,
        message: Annotated[str, strawberry.argument(description="The shopper's message.")],
        conversation_id: Annotated[strawberry.ID | None, strawberry.argument(
            description="The conversation a follow-up belongs to (from the last reply).")] = None,
        language: Annotated[Language | None, strawberry.argument(
            description="The language to answer in (default: the message's).")] = None,
    ) -> AssistantReply:
        ctx = info.context
        text = limits.check_text(message, "message", MAX_MESSAGE)
        if conversation_id is not None:
            limits.check_id(conversation_id, "conversationId")
        principal = ctx.principal
        shopper_id = principal.subject if principal.role is Role.SHOPPER else None
        said = await answer(ctx.graph, ctx.settings, conversation_id, text, lang_code(language),
                            shopper_id)
        return AssistantReply(text=said.text, language=said.language, intent=said.intent,
                              citations=[strawberry.ID(c) for c in said.citations],
                              handoff=said.handoff,
                              conversation_id=strawberry.ID(said.conversation_id),
                              ticket_id=strawberry.ID(said.ticket_id) if said.ticket_id else None)
