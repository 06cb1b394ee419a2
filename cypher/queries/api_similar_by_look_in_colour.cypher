// "The same bag in red" for similarProducts(by: LOOK, colour): products whose main picture looks most like $product_id's, in colour $colour (the catalog's colour, or the picture's dominant colour), in stock, best first.
// :param product_id => 'demo-product-0';
// :param colour => 'red';
// :param k => 10;
MATCH (p:Product {id: $product_id})
WHERE p.image_embedding IS NOT NULL
// Look weighs colour little, so most neighbours are other colours: ask the index for many more.
CALL db.index.vector.queryNodes('product_image_embedding', 20 * $k + 1, p.image_embedding) YIELD node, score
WITH p, node, score
WHERE node <> p AND node.image_model = p.image_model AND coalesce(node.stock, 1) > 0
  AND (toLower(node.colour) = toLower($colour) OR node.colour_name = toLower($colour))
RETURN node.id AS product_id, score, p.image_model AS image_model
ORDER BY score DESC, product_id
LIMIT $k
