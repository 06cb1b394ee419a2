// Top $k products for shopper $shopper_id by the vectors of the active model version of the shopper's shop (only vectors tagged with that version, so the version named and the vectors used agree even across a swap): ships to the shopper's country, not restricted there, in stock, not already bought; with a short reason.
// :param shopper_id => 'demo-shopper-0';
// :param k => 10;
MATCH (s:Shopper {id: $shopper_id})-[:LIVES_IN]->(country:Country)
CALL (s) {
  MATCH (m:ModelVersion {active: true})
  WHERE s.id STARTS WITH coalesce(m.shop, '')
  RETURN m
  ORDER BY size(coalesce(m.shop, '')) DESC, m.created_at DESC
  LIMIT 1
}
WITH s, country, m, s.embedding AS taste
WHERE s.embedding_version = m.id AND taste IS NOT NULL
MATCH (p:Product)-[:SHIPS_TO]->(country)
WHERE p.embedding_version = m.id AND p.embedding IS NOT NULL
  AND NOT (p)-[:RESTRICTED_IN]->(country)
  // Sold out (stock 0) is never recommended; a product without a stock count is not tracked.
  AND coalesce(p.stock, 1) > 0
  AND NOT EXISTS { (s)-[:INTERACTED {kind: 'purchase'}]->(p) }
WITH s, m, p, vector.similarity.cosine(taste, p.embedding) AS score
ORDER BY score DESC, p.id
LIMIT $k
WITH s, m, p, score,
     head([(s)-[:INTERACTED {kind: 'purchase'}]->(x:Product)-[:OF_BRAND]->(b:Brand)<-[:OF_BRAND]-(p)
           | {kind: 'bought_brand', item: x {.id, .title_en, .title_de, .title_es, .title_fr,
              .title_pt, .title_zh, .title_ja}, brand: b.name}]) AS bought_brand,
     head([(s)-[:INTERACTED]->(x:Product)-[:OF_BRAND]->(b:Brand)<-[:OF_BRAND]-(p) WHERE x <> p
           | {kind: 'saw_brand', item: x {.id, .title_en, .title_de, .title_es, .title_fr,
              .title_pt, .title_zh, .title_ja}, brand: b.name}]) AS saw_brand,
     head([(s)-[r:INTERACTED]->(p)
           | {kind: CASE r.kind WHEN 'cart' THEN 'in_cart' ELSE 'looked_at' END}]) AS seen_it,
     head([(s)-[:INTERACTED]->(:Product)-[:IN_CATEGORY]->(c:Category)<-[:IN_CATEGORY]-(p)
           | c]) AS shared_category
WITH m, p, score, bought_brand, saw_brand, seen_it, shared_category,
     CASE WHEN shared_category IS NULL THEN 0
          ELSE COUNT { MATCH (p)<-[:INTERACTED]-(fan:Shopper) RETURN DISTINCT fan } END AS fans
// The reason as data (the API words it in the shopper's language) and in English words.
WITH m, p, score, coalesce(bought_brand, saw_brand, seen_it,
     CASE WHEN shared_category IS NOT NULL
          THEN {kind: 'popular_in_category', fans: fans,
                category: shared_category {.id, .name_en, .name_de, .name_es, .name_fr, .name_pt,
                                           .name_zh, .name_ja}} END,
     {kind: 'similar_taste'}) AS reason
RETURN p.id AS product_id, score, reason,
       CASE reason.kind
            WHEN 'bought_brand' THEN 'bought ' + coalesce(reason.item.title_en, reason.item.id)
                                     + ' of the same brand (' + reason.brand + ')'
            WHEN 'saw_brand' THEN 'looked at ' + coalesce(reason.item.title_en, reason.item.id)
                                  + ' of the same brand (' + reason.brand + ')'
            WHEN 'in_cart' THEN 'you put it in your cart'
            WHEN 'looked_at' THEN 'you looked at it'
            WHEN 'popular_in_category' THEN 'popular in your category '
                 + coalesce(reason.category.name_en, reason.category.id)
                 + ' (' + toString(reason.fans) + ' shoppers)'
            ELSE 'shoppers with similar taste liked it' END AS explanation,
       m.id AS model_id, toString(m.created_at) AS model_created_at, m.metrics AS model_metrics
ORDER BY score DESC, product_id
