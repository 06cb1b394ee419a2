// How many products match a shop filter (the same filter as api_products_page): a listing's totalCount.
CALL () {
  WITH $category_id AS cid WHERE cid IS NOT NULL
  MATCH (:Category {id: cid})<-[:SUBCATEGORY_OF*0..]-(:Category)<-[:IN_CATEGORY]-(p:Product)
  RETURN p
  UNION
  WITH $category_id AS cid WHERE cid IS NULL
  MATCH (p:Product)
  RETURN p
}
WITH p
WHERE ($brand_ids IS NULL OR EXISTS { MATCH (p)-[:OF_BRAND]->(b:Brand) WHERE b.id IN $brand_ids })
  AND ($colours IS NULL OR p.colour IN $colours)
  AND ($sizes IS NULL OR p.size IN $sizes)
  AND ($materials IS NULL OR p.material IN $materials)
  AND ($genders IS NULL OR p.gender IN $genders)
  AND ($age_groups IS NULL OR p.age_group IN $age_groups)
  AND ($min_price IS NULL OR round(p.price * $rate, 2) >= $min_price)
  AND ($max_price IS NULL OR round(p.price * $rate, 2) <= $max_price)
  AND ($min_rating IS NULL OR p.avg_rating >= $min_rating)
  AND ($ships_to IS NULL OR (EXISTS { MATCH (p)-[:SHIPS_TO]->(:Country {code: $ships_to}) }
        AND NOT EXISTS { MATCH (p)-[:RESTRICTED_IN]->(:Country {code: $ships_to}) }))
  AND ($title_lang IS NULL OR p['title_' + $title_lang] IS NOT NULL)
  AND ($product_ids IS NULL OR p.id IN $product_ids)
  AND ($in_stock IS NULL OR (coalesce(p.stock, 1) > 0) = $in_stock)
RETURN count(p) AS total
