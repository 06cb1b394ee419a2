// A product's facts for a shopper's question: titles, description, attributes, rating, category.
// :param product_id => 'demo-product-1';
MATCH (p:Product {id: $product_id})
OPTIONAL MATCH (p)-[:IN_CATEGORY]->(cat:Category)
RETURN p.id AS id, p {.title_en, .title_de, .title_es, .title_fr, .title_pt, .title_zh, .title_ja,
       .description_en, .description_de, .description_es, .description_fr, .description_pt,
       .description_zh, .description_ja} AS texts,
       p.colour AS colour, p.material AS material, p.size AS size, p.gender AS gender,
       p.age_group AS age_group, p.price AS price,
       p.avg_rating AS avg_rating, p.review_count AS review_count, cat.id AS category_id
