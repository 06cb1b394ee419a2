// Remove the conversations (turns, tickets) the assistant benchmark made, by id.
UNWIND $ids AS id
MATCH (conv:Conversation {id: id})
OPTIONAL MATCH (conv)-[:HAS_TURN]->(t:Turn)
OPTIONAL MATCH (ticket:Ticket)-[:ABOUT]->(conv)
DETACH DELETE t, ticket, conv
