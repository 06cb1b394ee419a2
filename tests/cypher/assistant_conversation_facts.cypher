// A conversation's turns and tickets as stored, with the shopper it belongs to.
MATCH (conv:Conversation {id: $conversation_id})
OPTIONAL MATCH (conv)-[:HAS_TURN]->(t:Turn)
WITH conv, t ORDER BY t.at
WITH conv, collect(t.question) AS questions
OPTIONAL MATCH (ticket:Ticket)-[:ABOUT]->(conv)
RETURN conv.shopper_id AS shopper_id, questions, collect(ticket {.id, .transcript, .reason}) AS tickets
