// Create or update reviews, linked to their one author and one product (a reload moves the links); a changed text drops its translations, which translated the old one.
UNWIND $rows AS row
MATCH (s:Shopper {id: row.shopper_id})
MATCH (p:Product {id: row.product_id})
MERGE (rv:Review {id: row.id})
WITH rv, s, p, row, rv.text <> row.text OR rv.lang <> row.lang AS changed
SET rv.text = row.text, rv.lang = row.lang, rv.rating = row.rating, rv.at = row.at
WITH rv, s, p, row, changed
OPTIONAL MATCH (stale:Translation)-[:TRANSLATES]->(rv) WHERE changed
DETACH DELETE stale
WITH DISTINCT rv, s, p, row
OPTIONAL MATCH (other)-[old:WROTE]->(rv) WHERE other <> s
DELETE old
WITH DISTINCT rv, s, p, row
OPTIONAL MATCH (rv)-[old:REVIEWS]->(x) WHERE x <> p
DELETE old
WITH DISTINCT rv, s, p, row
MERGE (s)-[:WROTE]->(rv)
MERGE (rv)-[:REVIEWS]->(p)
RETURN row.key AS key
