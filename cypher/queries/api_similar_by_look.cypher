// Products whose main picture looks most like $product_id's (product_image_embedding index, same image model), in stock, best first.
MATCH (p:Product {id: $product_id})
WHERE p.image_embedding IS NOT NULL
// Twice the candidates: sold-out ones (stock 0; a product without a count is not tracked) are dropped.
CALL db.index.vector.queryNodes('product_image_embedding', 2 * $k + 1, p.image_embedding) YIELD node, score
WITH p, node, score
WHERE node <> p AND node.image_model = p.image_model AND coalesce(node.stock, 1) > 0
RETURN node.id AS product_id, score, p.image_model AS image_model
ORDER BY score DESC, product_id
LIMIT $k
