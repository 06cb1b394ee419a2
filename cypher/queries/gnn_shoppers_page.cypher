// One page of shoppers whose id starts with $prefix ('' for all) after id $after (keyset pagination), each with the products it liked: every interaction except ratings below 3, with its time in epoch milliseconds.
MATCH (s:Shopper)
WHERE s.id > $after AND s.id STARTS WITH $prefix
WITH s ORDER BY s.id LIMIT $limit
RETURN s.id AS id,
       [(s)-[r:INTERACTED]->(p:Product) WHERE NOT (r.kind = 'rating' AND r['rating'] < 3) | [p.id, datetime(r.at).epochMillis]] AS interactions
