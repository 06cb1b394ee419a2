// Products most like $product_id by the active model's vectors ("more like this"), best first.
// :param product_id => 'demo-product-0';
// :param k => 10;
MATCH (p:Product {id: $product_id})
WHERE p.embedding IS NOT NULL
CALL db.index.vector.queryNodes('product_embedding', $k + 1, p.embedding) YIELD node, score
WITH p, node, score
WHERE node <> p
RETURN node.id AS product_id, score
ORDER BY score DESC, product_id
LIMIT $k
