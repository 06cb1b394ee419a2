// How many conversations, turns and tickets the graph still holds for a shopper.
OPTIONAL MATCH (conv:Conversation {shopper_id: $shopper_id})
OPTIONAL MATCH (conv)-[:HAS_TURN]->(t:Turn)
OPTIONAL MATCH (ticket:Ticket)-[:ABOUT]->(conv)
RETURN count(DISTINCT conv) AS conversations, count(DISTINCT t) AS turns,
       count(DISTINCT ticket) AS tickets
