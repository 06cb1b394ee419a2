// One page of products whose id starts with $prefix ('' for all) after id $after (keyset pagination), with their brand, categories, the countries they ship to and their price.
MATCH (p:Product)
WHERE p.id > $after AND p.id STARTS WITH $prefix
WITH p ORDER BY p.id LIMIT $limit
RETURN p.id AS id,
       head([(p)-[:OF_BRAND]->(b:Brand) | b.id]) AS brand,
       [(p)-[:IN_CATEGORY]->(c:Category) | c.id] AS categories,
       [(p)-[:SHIPS_TO]->(c:Country) | c.code] AS ships_to,
       p.price AS price
