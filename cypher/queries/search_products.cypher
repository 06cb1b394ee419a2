// Products meeting every hard filter of a grounded search (category subtree, brand, attributes, price in the shopper's currency, ships to and not restricted in the country, and, when no category says what kind of product is meant, the shopper's words), ranked by text similarity blended with the signed-in shopper's taste and (a search experiment's weight) popularity.
// Properties written by later jobs (embeddings, sentiment, ratings) are read as p['key'], so a
// fresh shop without them yet runs without unknown-property warnings.
// Candidates come from the most selective source: the category subtree, else the brand, else
// the products whose texts hold every word ($text_ids) and the $k products nearest to the query
// text (the vector index), so no search scans the catalog.
// $require_text: a product counts only if its texts hold the words ($text_ids) or, for close
// matches, its text embedding is at least $text_floor similar to $words_vector (the query's,
// or with a brand understood the other words' alone: a brand shared by query and title lends
// no similarity).
// Sentiment and rating only break ties between relevant products; they never make one relevant.
CALL () {
  MATCH (c:Category) WHERE c.id IN $category_ids
  MATCH (p:Product)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(c)
  RETURN DISTINCT p
  UNION
  MATCH (b:Brand) WHERE $category_ids IS NULL AND b.id IN $brand_ids
  MATCH (p:Product)-[:OF_BRAND]->(b)
  RETURN p
  UNION
  MATCH (p:Product) WHERE $category_ids IS NULL AND $brand_ids IS NULL AND p.id IN $text_ids
  RETURN p
  UNION
  WITH 1 AS unfiltered WHERE $category_ids IS NULL AND $brand_ids IS NULL
  CALL db.index.vector.queryNodes('product_text_embedding', $k, $vector) YIELD node
  RETURN node AS p
}
WITH p WHERE NOT p.id IN $exclude
OPTIONAL MATCH (shopper:Shopper {id: $shopper_id})
OPTIONAL MATCH (cur:Currency {code: $currency})
WITH p, shopper, coalesce(cur.rate, 1.0) AS rate
WHERE ($brand_ids IS NULL OR EXISTS { (p)-[:OF_BRAND]->(b:Brand) WHERE b.id IN $brand_ids })
  AND ($colour IS NULL OR p.colour = $colour)
  AND ($material IS NULL OR p.material = $material)
  AND ($size IS NULL OR p.size = $size)
  AND ($gender IS NULL OR p.gender = $gender)
  AND ($age_group IS NULL OR p.age_group = $age_group)
  AND ($price_min IS NULL OR p.price * rate >= $price_min)
  AND ($price_max IS NULL OR p.price * rate <= $price_max)
  AND ($ship_to IS NULL
       OR (EXISTS { (p)-[:SHIPS_TO]->(:Country {code: $ship_to}) }
           AND NOT EXISTS { (p)-[:RESTRICTED_IN]->(:Country {code: $ship_to}) }))
WITH p, shopper,
     CASE WHEN $vector IS NULL OR p['text_embedding'] IS NULL THEN 0.0
          ELSE vector.similarity.cosine(p['text_embedding'], $vector) END AS text_score
WHERE NOT $require_text OR p.id IN $text_ids
      OR ($text_floor IS NOT NULL
          AND vector.similarity.cosine(p['text_embedding'], $words_vector) >= $text_floor)
WITH p, text_score,
     // Neo4j's cosine similarity lies in 0..1; a product without a graph embedding, or with one
     // of another model version (another shop's, or a stale one), is neutral.
     CASE WHEN shopper['embedding'] IS NULL THEN NULL
          WHEN p['embedding'] IS NULL
               OR p['embedding_version'] <> shopper['embedding_version'] THEN 0.5
          ELSE vector.similarity.cosine(p['embedding'], shopper['embedding']) END AS taste,
     // Popularity (a search experiment's weight; 0 by default, then not counted): interactions
     // n as n / (n + $popularity_half), in 0..1 like the other two scores.
     CASE WHEN $popularity_weight > 0
          THEN toFloat(COUNT { (p)<-[:INTERACTED]-() }) ELSE 0.0 END AS fans
WITH p, $popularity_weight * fans / (fans + $popularity_half)
        + CASE WHEN taste IS NULL THEN (1 - $popularity_weight) * text_score
               ELSE (1 - $shopper_weight - $popularity_weight) * text_score
                    + $shopper_weight * taste END AS score
RETURN p.id AS id, score
ORDER BY CASE WHEN $sort = 'price_asc' THEN p.price END ASC,
         CASE WHEN $sort = 'price_desc' THEN p.price END DESC,
         CASE WHEN $sort = 'rating' THEN coalesce(p['avg_rating'], 0.0) END DESC,
         CASE WHEN $sort = 'sentiment' THEN coalesce(p['sentiment'], 0.0) END DESC,
         // Scores equal to $tie_precision decimals are a tie; reviews decide those, nothing else.
         round(score, $tie_precision) DESC,
         coalesce(p['sentiment'], 0.0) DESC, coalesce(p['avg_rating'], 0.0) DESC,
         score DESC, p.id
LIMIT $first
