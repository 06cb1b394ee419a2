// Record one question and its answer in a conversation (created on first use, linked to its shopper), with the state follow-ups resolve against.
// catalog cache: unaffected (conversations change no catalog read)
MERGE (conv:Conversation {id: $conversation_id})
ON CREATE SET conv.shopper_id = $shopper_id, conv.started_at = datetime()
WITH conv WHERE coalesce(conv.shopper_id, '') = coalesce($shopper_id, '')
SET conv.intent = $intent, conv.slots = $slots, conv.updated_at = datetime()
CREATE (conv)-[:HAS_TURN]->(:Turn {at: datetime(), question: $question, answer: $answer,
                                   intent: $intent, language: $language, citations: $citations})
WITH conv
OPTIONAL MATCH (s:Shopper {id: $shopper_id})
FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END | MERGE (s)-[:TALKED_IN]->(conv))
RETURN conv.id AS id
