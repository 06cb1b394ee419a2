// Open a ticket for a person, holding the whole conversation so far (its turns' text).
// catalog cache: unaffected (conversations change no catalog read)
MATCH (conv:Conversation {id: $conversation_id})
OPTIONAL MATCH (conv)-[:HAS_TURN]->(t:Turn)
WITH conv, t ORDER BY t.at
WITH conv, collect('Q: ' + t.question + '\nA: ' + t.answer) AS transcript
CREATE (ticket:Ticket {id: $ticket_id, opened_at: datetime(), reason: $reason,
                       question: $question, transcript: transcript, status: 'open'})
CREATE (ticket)-[:ABOUT]->(conv)
RETURN ticket.id AS id
