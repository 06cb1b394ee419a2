// Remove conversations (turns, tickets) of the assistant tests: anonymous ones and those of shoppers under $prefix.
MATCH (conv:Conversation) WHERE conv.shopper_id IS NULL OR conv.shopper_id STARTS WITH $prefix
OPTIONAL MATCH (conv)-[:HAS_TURN]->(t:Turn)
OPTIONAL MATCH (ticket:Ticket)-[:ABOUT]->(conv)
DETACH DELETE t, ticket, conv
