// The products of a shopper's most recent orders, newest first: the choices offered when "it" names no product.
// :param shopper_id => 'demo-shopper-1';
// :param k => 5;
MATCH (o:Order)-[:PLACED_BY]->(:Shopper {id: $shopper_id})
MATCH (o)-[:CONTAINS]->(p:Product)
MATCH (o)-[:SHIPS_TO_COUNTRY]->(c:Country)
OPTIONAL MATCH (p)-[:IN_CATEGORY]->(cat:Category)
WITH p, cat, o, c ORDER BY o.placed_at DESC, o.id
WITH p, cat, head(collect({order_id: o.id, country: c.code, placed_at: o.placed_at})) AS latest
RETURN p.id AS product_id, cat.id AS category_id, latest.order_id AS order_id,
       latest.country AS country,
       p {.title_en, .title_de, .title_es, .title_fr, .title_pt, .title_zh, .title_ja} AS titles
ORDER BY latest.placed_at DESC, p.id
LIMIT $k
