// Products meeting every hard filter of a grounded search (category subtree, brand, attributes, price in the shopper's currency, ships to and not restricted in the country, and, when no category says what kind of product is meant, the shopper's words), ranked by text similarity blended with the signed-in shopper's taste and (a search experiment's weight) popularity.
// Properties written by later jobs (embeddings, sentiment, ratings) are read as p['key'], so a
// fresh shop without them yet runs without unknown-property warnings.
// Candidates come from the most selective source: the category subtree, else the brand, else
// the products whose texts hold every word ($search.text_ids) and the $search.k products nearest to the query
// text (the vector index), so no search scans the catalog.
// $search.require_text: a product counts only if its texts hold the words ($search.text_ids) or, for close
// matches, its text embedding is at least $search.text_floor similar to $search.words_vector (the query's,
// or with a brand understood the other words' alone: a brand shared by query and title lends
// no similarity).
// Sentiment and rating only break ties between relevant products; they never make one relevant.
// Every filter comes in one map, $search (only the page size stands apart): Neo4j caches a plan
// per query text AND parameter types, so filters passed one by one (each null or set, a list of
// one id or of fifty) made a new plan for nearly every new shape of query, up to seconds each
// under load; a map is one type, so this statement is planned once.
CALL () {
  MATCH (c:Category) WHERE c.id IN $search.category_ids
  MATCH (p:Product)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(c)
  RETURN DISTINCT p
  UNION
  MATCH (b:Brand) WHERE $search.category_ids IS NULL AND b.id IN $search.brand_ids
  MATCH (p:Product)-[:OF_BRAND]->(b)
  RETURN p
  UNION
  MATCH (p:Product) WHERE $search.category_ids IS NULL AND $search.brand_ids IS NULL AND p.id IN $search.text_ids
  RETURN p
  UNION
  WITH 1 AS unfiltered WHERE $search.category_ids IS NULL AND $search.brand_ids IS NULL
  CALL db.index.vector.queryNodes('product_text_embedding', $search.k, $search.vector) YIELD node
  RETURN node AS p
}
WITH p WHERE NOT p.id IN $search.exclude
OPTIONAL MATCH (shopper:Shopper {id: $search.shopper_id})
OPTIONAL MATCH (cur:Currency {code: $search.currency})
WITH p, shopper, coalesce(cur.rate, 1.0) AS rate
WHERE ($search.brand_ids IS NULL OR EXISTS { (p)-[:OF_BRAND]->(b:Brand) WHERE b.id IN $search.brand_ids })
  AND ($search.colour IS NULL OR p.colour = $search.colour)
  AND ($search.material IS NULL OR p.material = $search.material)
  AND ($search.size IS NULL OR p.size = $search.size)
  AND ($search.gender IS NULL OR p.gender = $search.gender)
  AND ($search.age_group IS NULL OR p.age_group = $search.age_group)
  AND ($search.price_min IS NULL OR p.price * rate >= $search.price_min)
  AND ($search.price_max IS NULL OR p.price * rate <= $search.price_max)
  AND ($search.ship_to IS NULL
       OR (EXISTS { (p)-[:SHIPS_TO]->(:Country {code: $search.ship_to}) }
           AND NOT EXISTS { (p)-[:RESTRICTED_IN]->(:Country {code: $search.ship_to}) }))
WITH p, shopper,
     CASE WHEN $search.vector IS NULL OR p['text_embedding'] IS NULL THEN 0.0
          ELSE vector.similarity.cosine(p['text_embedding'], $search.vector) END AS text_score
WHERE NOT $search.require_text OR p.id IN $search.text_ids
      OR ($search.text_floor IS NOT NULL
          AND vector.similarity.cosine(p['text_embedding'], $search.words_vector) >= $search.text_floor)
WITH p, text_score,
     // Neo4j's cosine similarity lies in 0..1; a product without a graph embedding, or with one
     // of another model version (another shop's, or a stale one), is neutral.
     CASE WHEN shopper['embedding'] IS NULL THEN NULL
          WHEN p['embedding'] IS NULL
               OR p['embedding_version'] <> shopper['embedding_version'] THEN 0.5
          ELSE vector.similarity.cosine(p['embedding'], shopper['embedding']) END AS taste,
     // Popularity (a search experiment's weight; 0 by default, then not counted): interactions
     // n as n / (n + $search.popularity_half), in 0..1 like the other two scores.
     CASE WHEN $search.popularity_weight > 0
          THEN toFloat(COUNT { (p)<-[:INTERACTED]-() }) ELSE 0.0 END AS fans
WITH p, $search.popularity_weight * fans / (fans + $search.popularity_half)
        + CASE WHEN taste IS NULL THEN (1 - $search.popularity_weight) * text_score
               ELSE (1 - $search.shopper_weight - $search.popularity_weight) * text_score
                    + $search.shopper_weight * taste END AS score
RETURN p.id AS id, score
ORDER BY CASE WHEN $search.sort = 'price_asc' THEN p.price END ASC,
         CASE WHEN $search.sort = 'price_desc' THEN p.price END DESC,
         CASE WHEN $search.sort = 'rating' THEN coalesce(p['avg_rating'], 0.0) END DESC,
         CASE WHEN $search.sort = 'sentiment' THEN coalesce(p['sentiment'], 0.0) END DESC,
         // Scores equal to $search.tie_precision decimals are a tie; reviews decide those, nothing else.
         round(score, $search.tie_precision) DESC,
         coalesce(p['sentiment'], 0.0) DESC, coalesce(p['avg_rating'], 0.0) DESC,
         score DESC, p.id
LIMIT $first
