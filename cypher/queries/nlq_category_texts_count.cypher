// How many categories nlq_category_texts will return in all (hold products, embedding missing or stale), for a progress total.
MATCH (c:Category)
WHERE c.id STARTS WITH $prefix AND ($all OR c.text_embedding IS NULL OR c.text_embedder IS NULL
                         OR c.text_embedder <> $embedder)
  AND EXISTS { (:Product)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(c) }
RETURN count(c) AS n
