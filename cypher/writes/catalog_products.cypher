// Create or update products with their brand and category; rows whose brand or category is unknown return nothing.
// listed_at (ms since 1970) is set once, when the product first arrives: listings sort by it as "newest".
UNWIND $rows AS row
MATCH (b:Brand {id: row.brand_id})
MATCH (c:Category {id: row.category_id})
MERGE (p:Product {id: row.id})
ON CREATE SET p.listed_at = timestamp()
SET p += row.props
WITH p, b, c, row
OPTIONAL MATCH (p)-[old:OF_BRAND|IN_CATEGORY]->(x) WHERE x <> b AND x <> c
DELETE old
WITH DISTINCT p, b, c, row
MERGE (p)-[:OF_BRAND]->(b)
MERGE (p)-[:IN_CATEGORY]->(c)
RETURN row.key AS key
