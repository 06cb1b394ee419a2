// Products whose main picture looks most like $product_id's (product_image_embedding index, same image model), best first.
MATCH (p:Product {id: $product_id})
WHERE p.image_embedding IS NOT NULL
CALL db.index.vector.queryNodes('product_image_embedding', $k + 1, p.image_embedding) YIELD node, score
WITH p, node, score
WHERE node <> p AND node.image_model = p.image_model
RETURN node.id AS product_id, score, p.image_model AS image_model
ORDER BY score DESC, product_id
LIMIT $k
