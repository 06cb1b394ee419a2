// How many products have a text embedding by $embedder, of how many in all (the text index's progress, for /readyz).
MATCH (p:Product)
RETURN count(p) AS products,
       count(CASE WHEN p['text_embedding'] IS NOT NULL AND p['text_embedder'] = $embedder THEN 1 END) AS embedded
