// Record shopper-product interactions (view, cart, purchase, rating), keyed by id so a reload is harmless.
UNWIND $rows AS row
MATCH (s:Shopper {id: row.shopper_id})
MATCH (p:Product {id: row.product_id})
MERGE (s)-[r:INTERACTED {id: row.key}]->(p)
SET r.kind = row.kind, r.at = row.at, r.rating = row.rating
RETURN row.key AS key
