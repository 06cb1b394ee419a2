// Erase a shopper (privacy request): interactions, conversations with the assistant (turns, tickets), the WROTE link of reviews, embedding and cached recommendations go with the node; reviews stay, anonymous.
MATCH (s:Shopper {id: $shopper_id})
CALL (s) {
  OPTIONAL MATCH (conv:Conversation {shopper_id: s.id})
  OPTIONAL MATCH (conv)-[:HAS_TURN]->(t:Turn)
  OPTIONAL MATCH (ticket:Ticket)-[:ABOUT]->(conv)
  DETACH DELETE t, ticket, conv
}
OPTIONAL MATCH (s)-[i:INTERACTED]->()
WITH s, count(i) AS interactions
OPTIONAL MATCH (s)-[w:WROTE]->()
WITH s, interactions, count(w) AS reviews
OPTIONAL MATCH (s)-[other]-()
WITH s, interactions, reviews, count(other) AS links
DETACH DELETE s
RETURN interactions, reviews, links
