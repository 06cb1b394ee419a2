// One page of products matching a shop filter, in keyset order (number key, text key, id) after a cursor.
// A category filter starts from the category (index lookup), not from every product. The sort is a
// fixed allow-list ($sort) mapped to a CASE: a number key (signed, so one ascending ORDER BY serves
// both directions) or, for NAME and ID, a text key whose direction is $text_desc.
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
WITH p, $sign * CASE $sort
          WHEN 'PRICE' THEN toFloat(p.price)
          WHEN 'RATING' THEN toFloat(coalesce(p.avg_rating, 0.0))
          WHEN 'REVIEW_COUNT' THEN toFloat(coalesce(p.review_count, 0))
          // Best first: the rating weighed by how many reviews back it (5 reviews count half).
          WHEN 'RELEVANCE' THEN -coalesce(p.avg_rating, 0.0) * coalesce(p.review_count, 0)
                                / (coalesce(p.review_count, 0) + 5.0)
          // Newest first: the time the product was first loaded (ms since 1970).
          WHEN 'NEWEST' THEN -toFloat(coalesce(p.listed_at, 0))
          ELSE 0.0 END AS num_key,
     CASE $sort WHEN 'NAME'
          THEN toLower(coalesce(p['title_' + $name_lang], p.title_en, p.title_de, p.title_es,
                                p.title_fr, p.title_pt, p.title_zh, p.title_ja, ''))
          WHEN 'ID' THEN p.id
          ELSE '' END AS text_key
WHERE $after_id IS NULL OR num_key > $after_key
   OR (num_key = $after_key AND (CASE WHEN $text_desc THEN text_key < $after_text
                                      ELSE text_key > $after_text END
                                 OR (text_key = $after_text AND p.id > $after_id)))
WITH p, num_key, text_key
ORDER BY num_key, CASE WHEN $text_desc THEN text_key END DESC,
         CASE WHEN NOT $text_desc THEN text_key END, p.id
LIMIT $limit
OPTIONAL MATCH (p)-[:OF_BRAND]->(b:Brand)
OPTIONAL MATCH (p)-[:IN_CATEGORY]->(c:Category)
RETURN p.id AS id, num_key, text_key, b.id AS brand_id, c.id AS category_id,
       b {.id, .name, .country, aliases: coalesce(b.aliases, [])} AS brand,
       [path = (c)-[:SUBCATEGORY_OF*0..]->(a:Category)
        | {depth: length(path), id: a.id,
           props: a {.level, .name_en, .name_de, .name_es, .name_fr, .name_pt, .name_zh, .name_ja}}]
         AS ancestors,
       p {.price, .list_price, .list_currency, .colour, .material, .size, .gender, .age_group,
          .avg_rating, .review_count, .sentiment, .stock,
          .title_en, .title_de, .title_es, .title_fr, .title_pt, .title_zh, .title_ja,
          .description_en, .description_de, .description_es, .description_fr,
          .description_pt, .description_zh, .description_ja} AS props,
       [(t:Translation)-[:TRANSLATES]->(p) | [t.field + '_' + t.lang, t.text, t.source]] AS translations
ORDER BY num_key, CASE WHEN $text_desc THEN text_key END DESC,
         CASE WHEN NOT $text_desc THEN text_key END, id
