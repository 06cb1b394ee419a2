// Erase a shopper (privacy request): interactions and recorded events, their sessions and impression events, conversations with the assistant (turns, tickets), the WROTE link of reviews, embedding and cached recommendations go with the node; reviews stay, anonymous.
MATCH (s:Shopper {id: $shopper_id})
CALL (s) {
  OPTIONAL MATCH (conv:Conversation {shopper_id: s.id})
  OPTIONAL MATCH (conv)-[:HAS_TURN]->(t:Turn)
  OPTIONAL MATCH (ticket:Ticket)-[:ABOUT]->(conv)
  DETACH DELETE t, ticket, conv
}
CALL (s) {
  OPTIONAL MATCH (sess:Session {shopperId: s.id})
  DETACH DELETE sess
  RETURN count(sess) AS sessions
}
CALL (s) {
  OPTIONAL MATCH (imp:Impression {shopperId: s.id})
  DETACH DELETE imp
  RETURN count(imp) AS impressions
}
OPTIONAL MATCH (s)-[i:INTERACTED]->()
WITH s, sessions, impressions, count(i) AS interactions
OPTIONAL MATCH (s)-[w:WROTE]->()
WITH s, sessions, impressions, interactions, count(w) AS reviews
OPTIONAL MATCH (s)-[other]-()
WITH s, sessions, impressions, interactions, reviews, count(other) AS links
DETACH DELETE s
RETURN interactions, reviews, links, sessions, impressions
