// Test probe: every field an event stored (interaction relationship or impression node) for these ids, times as ISO strings.
UNWIND $ids AS id
OPTIONAL MATCH ()-[r:INTERACTED {id: id}]->()
OPTIONAL MATCH (i:Impression {id: id})
OPTIONAL MATCH (l:ServedList {id: i.listId})
RETURN id, toString(coalesce(r.at, i.at)) AS at, r.kind AS kind, r.position AS position,
       r.listId AS listId, r.quantity AS quantity, r.price AS price, r.currency AS currency,
       r.rating AS rating, toString(l.lastImpressionAt) AS lastImpressionAt, l.at AS listAt
ORDER BY id
