// Record shopper-product interactions (view, cart, purchase, rating), keyed by id so a reload is harmless; a purchase may name its order.
UNWIND $rows AS row
MATCH (s:Shopper {id: row.shopper_id})
MATCH (p:Product {id: row.product_id})
OPTIONAL MATCH (o:Order {id: row.order_id})
WITH row, s, p, o WHERE row.order_id IS NULL OR (o IS NOT NULL AND (o)-[:PLACED_BY]->(s))
MERGE (s)-[r:INTERACTED {id: row.key}]->(p)
SET r.kind = row.kind, r.at = row.at, r.rating = row.rating, r.order_id = row.order_id
RETURN row.key AS key
