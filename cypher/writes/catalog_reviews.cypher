// Create or update reviews, linked to their author and product.
UNWIND $rows AS row
MATCH (s:Shopper {id: row.shopper_id})
MATCH (p:Product {id: row.product_id})
MERGE (rv:Review {id: row.id})
SET rv.text = row.text, rv.lang = row.lang, rv.rating = row.rating, rv.at = row.at
MERGE (s)-[:WROTE]->(rv)
MERGE (rv)-[:REVIEWS]->(p)
RETURN row.key AS key
