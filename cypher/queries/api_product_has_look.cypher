// Whether product $product_id has an embedded main picture (for a clear NO_IMAGE answer).
// :param product_id => 'demo-product-0';
OPTIONAL MATCH (p:Product {id: $product_id})
RETURN p.image_embedding IS NOT NULL AS has_look
