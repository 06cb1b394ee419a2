// One page of products whose id starts with $prefix ('' for all) after id $after (keyset pagination), with the brand and category each belongs to.
MATCH (p:Product)
WHERE p.id > $after AND p.id STARTS WITH $prefix
WITH p ORDER BY p.id LIMIT $limit
OPTIONAL MATCH (p)-[:OF_BRAND]->(b:Brand)
OPTIONAL MATCH (p)-[:IN_CATEGORY]->(c:Category)
RETURN p.id AS id, head(collect(DISTINCT b.id)) AS brand, head(collect(DISTINCT c.id)) AS category
