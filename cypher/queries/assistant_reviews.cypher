// A product's newest reviews (id, text, language, stars), for the assistant's per-aspect review sentiment.
// :param product_id => 'demo-product-1';
// :param limit => 500;
MATCH (rv:Review)-[:REVIEWS]->(:Product {id: $product_id})
RETURN rv.id AS id, rv.text AS text, rv.lang AS lang, rv.rating AS rating
ORDER BY rv.at DESC, rv.id LIMIT $limit
