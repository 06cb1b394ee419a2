// One page of products matching a shop filter, in keyset order (sort key, then id) after a cursor.
// A category filter starts from the category (index lookup), not from every product.
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
WHERE ($brand_id IS NULL OR EXISTS { MATCH (p)-[:OF_BRAND]->(:Brand {id: $brand_id}) })
  AND ($min_price IS NULL OR round(p.price * $rate, 2) >= $min_price)
  AND ($max_price IS NULL OR round(p.price * $rate, 2) <= $max_price)
  AND ($min_rating IS NULL OR p.avg_rating >= $min_rating)
  AND ($ships_to IS NULL OR (EXISTS { MATCH (p)-[:SHIPS_TO]->(:Country {code: $ships_to}) }
        AND NOT EXISTS { MATCH (p)-[:RESTRICTED_IN]->(:Country {code: $ships_to}) }))
  AND ($title_lang IS NULL OR p['title_' + $title_lang] IS NOT NULL)
WITH p, $sign * CASE $sort
          WHEN 'PRICE' THEN toFloat(p.price)
          WHEN 'RATING' THEN toFloat(coalesce(p.avg_rating, 0.0))
          WHEN 'REVIEW_COUNT' THEN toFloat(coalesce(p.review_count, 0))
          ELSE 0.0 END AS sort_key
WHERE $after_id IS NULL OR sort_key > $after_key OR (sort_key = $after_key AND p.id > $after_id)
WITH p, sort_key ORDER BY sort_key, p.id LIMIT $limit
OPTIONAL MATCH (p)-[:OF_BRAND]->(b:Brand)
OPTIONAL MATCH (p)-[:IN_CATEGORY]->(c:Category)
RETURN p.id AS id, sort_key, b.id AS brand_id, c.id AS category_id,
       b {.id, .name, .country, aliases: coalesce(b.aliases, [])} AS brand,
       [path = (c)-[:SUBCATEGORY_OF*0..]->(a:Category)
        | {depth: length(path), id: a.id,
           props: a {.level, .name_en, .name_de, .name_es, .name_fr, .name_pt, .name_zh, .name_ja}}]
         AS ancestors,
       p {.price, .list_price, .list_currency, .colour, .material, .size, .gender, .age_group,
          .avg_rating, .review_count, .sentiment,
          .title_en, .title_de, .title_es, .title_fr, .title_pt, .title_zh, .title_ja,
          .description_en, .description_de, .description_es, .description_fr,
          .description_pt, .description_zh, .description_ja} AS props
ORDER BY sort_key, id
