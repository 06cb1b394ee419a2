// Products whose text embedding is missing or made by another embedder, with the text to embed (keyset pages by id).
MATCH (p:Product)
WHERE p.id > $after AND p.id STARTS WITH $prefix AND ($all OR p.text_embedding IS NULL OR p.text_embedder <> $embedder
                         OR p.text_embedder IS NULL)
WITH p ORDER BY p.id LIMIT $limit
OPTIONAL MATCH (p)-[:OF_BRAND]->(b:Brand)
OPTIONAL MATCH (p)-[:IN_CATEGORY]->(c:Category)
RETURN p.id AS id,
       coalesce(p.title_en, p.title_de, p.title_es, p.title_fr, p.title_pt, p.title_zh, p.title_ja, '') AS title,
       coalesce(p.description_en, p.description_de, p.description_es, p.description_fr, '') AS description,
       b.name AS brand, c.name_en AS category, p.colour AS colour, p.material AS material
