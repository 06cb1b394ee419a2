// Best-rated products in a category and all its subcategories.
// :param category_id => 'gpt:166';
// :param min_reviews => 1;
// :param limit => 25;
MATCH (root:Category {id: $category_id})<-[:SUBCATEGORY_OF*0..]-(c:Category)<-[:IN_CATEGORY]-(p:Product)
WHERE p.avg_rating IS NOT NULL AND coalesce(p.review_count, 0) >= $min_reviews
OPTIONAL MATCH (p)-[:OF_BRAND]->(b:Brand)
RETURN p.id AS product_id, p.title_en AS title, b.name AS brand, c.name_en AS category,
       p.avg_rating AS avg_rating, p.review_count AS reviews, p.price AS price
ORDER BY avg_rating DESC, reviews DESC, product_id
LIMIT $limit
