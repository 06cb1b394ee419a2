// Categories that hold products (themselves or below) whose text embedding is missing or stale, with their names (keyset pages by id).
MATCH (c:Category)
WHERE c.id > $after AND c.id STARTS WITH $prefix AND ($all OR c.text_embedding IS NULL OR c.text_embedder IS NULL
                         OR c.text_embedder <> $embedder)
  AND EXISTS { (:Product)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(c) }
WITH c ORDER BY c.id LIMIT $limit
RETURN c.id AS id, [key IN keys(c) WHERE key STARTS WITH 'name_' | c[key]] AS names
