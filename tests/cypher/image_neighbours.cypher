// Products nearest to $product_id by look (product_image_embedding index), within $prefix (image tests).
MATCH (p:Product {id: $product_id})
CALL db.index.vector.queryNodes('product_image_embedding', $k, p.image_embedding) YIELD node, score
WHERE node <> p AND node.id STARTS WITH $prefix
RETURN node.id AS product_id, score ORDER BY score DESC
