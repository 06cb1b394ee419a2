// How many products nlq_product_texts will return in all (missing or stale text embedding), for a progress total.
MATCH (p:Product)
WHERE p.id STARTS WITH $prefix AND ($all OR p.text_embedding IS NULL OR p.text_embedder <> $embedder
                         OR p.text_embedder IS NULL)
RETURN count(p) AS n
