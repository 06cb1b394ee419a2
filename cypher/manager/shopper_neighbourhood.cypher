// A shopper's neighbourhood: each product they interacted with, how, and the other shoppers who share it.
// :param shopper_id => 'demo-shopper-0';
// :param limit => 25;
MATCH (s:Shopper {id: $shopper_id})-[i:INTERACTED]->(p:Product)
WITH s, p, collect(DISTINCT i.kind) AS kinds, max(i.at) AS last_at
OPTIONAL MATCH (p)<-[:INTERACTED]-(other:Shopper)
WHERE other <> s
WITH p, kinds, last_at, other ORDER BY other.id
WITH p, kinds, last_at, collect(DISTINCT other.id) AS others
RETURN p.id AS product_id, p.title_en AS title, kinds, last_at, size(others) AS shared_with,
       others[..$limit] AS shoppers
ORDER BY shared_with DESC, product_id
LIMIT $limit
