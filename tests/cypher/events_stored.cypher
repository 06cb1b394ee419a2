// Test probe: the stored INTERACTED events among these ids, with who holds them (one row per stored relationship).
UNWIND $ids AS id
MATCH (o)-[r:INTERACTED {id: id}]->(p:Product)
RETURN id, labels(o)[0] AS holder, o.id AS owner, p.id AS product, r.kind AS kind,
       r.valueBase AS valueBase, r.source AS source, r.sessionId AS sessionId, r.rating AS rating
ORDER BY id
