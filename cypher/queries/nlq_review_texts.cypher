// Reviews without a sentiment score (or all), with their text, stars and product (keyset pages by id).
MATCH (rv:Review)-[:REVIEWS]->(p:Product)
WHERE rv.id > $after AND rv.id STARTS WITH $prefix AND ($all OR rv.sentiment IS NULL)
RETURN rv.id AS id, rv.text AS text, rv.rating AS rating, rv.lang AS lang, p.id AS product_id
ORDER BY rv.id LIMIT $limit
