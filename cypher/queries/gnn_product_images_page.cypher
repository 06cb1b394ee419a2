// One page of products whose id starts with $prefix ('' for all) after id $after (keyset pagination) that have a main picture's look vector, with that vector and the image model that made it.
MATCH (p:Product)
WHERE p.id > $after AND p.id STARTS WITH $prefix AND p.image_embedding IS NOT NULL
WITH p ORDER BY p.id LIMIT $limit
RETURN p.id AS id, p.image_embedding AS vector, p.image_model AS image_model
