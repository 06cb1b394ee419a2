// Which of the given products break a stated search constraint, and which ones (bench/nlq.py checks every result).
UNWIND $ids AS product_id
MATCH (p:Product {id: product_id})
OPTIONAL MATCH (cur:Currency {code: $currency})
WITH p, coalesce(cur.rate, 1.0) AS rate
WITH p, [broken IN [
  CASE WHEN $category IS NOT NULL AND NOT EXISTS {
    (p)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(:Category {id: $category}) } THEN 'category' END,
  CASE WHEN $brand IS NOT NULL AND NOT EXISTS { (p)-[:OF_BRAND]->(:Brand {id: $brand}) } THEN 'brand' END,
  CASE WHEN $colour IS NOT NULL AND coalesce(p.colour, '') <> $colour THEN 'colour' END,
  CASE WHEN $material IS NOT NULL AND coalesce(p.material, '') <> $material THEN 'material' END,
  CASE WHEN $gender IS NOT NULL AND coalesce(p.gender, '') <> $gender THEN 'gender' END,
  CASE WHEN $size IS NOT NULL AND coalesce(p.size, '') <> $size THEN 'size' END,
  CASE WHEN $price_max IS NOT NULL AND p.price * rate > $price_max * 1.0001 THEN 'price_max' END,
  CASE WHEN $price_min IS NOT NULL AND p.price * rate < $price_min * 0.9999 THEN 'price_min' END,
  CASE WHEN $ship_to IS NOT NULL AND (NOT EXISTS { (p)-[:SHIPS_TO]->(:Country {code: $ship_to}) }
       OR EXISTS { (p)-[:RESTRICTED_IN]->(:Country {code: $ship_to}) }) THEN 'ship_to' END
] WHERE broken IS NOT NULL] AS broken
RETURN p.id AS id, broken
