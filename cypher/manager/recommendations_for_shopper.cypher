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
           | 'bought ' + coalesce(x.title_en, x.id) + ' of the same brand (' + b.name + ')']) AS bought_brand,
     head([(s)-[:INTERACTED]->(x:Product)-[:OF_BRAND]->(b:Brand)<-[:OF_BRAND]-(p) WHERE x <> p
           | 'looked at ' + coalesce(x.title_en, x.id) + ' of the same brand (' + b.name + ')']) AS saw_brand,
     head([(s)-[r:INTERACTED]->(p)
           | CASE r.kind WHEN 'cart' THEN 'you put it in your cart' ELSE 'you looked at it' END]) AS seen_it,
     head([(s)-[:INTERACTED]->(:Product)-[:IN_CATEGORY]->(c:Category)<-[:IN_CATEGORY]-(p)
           | c]) AS shared_category
WITH m, p, score, bought_brand, saw_brand, seen_it, shared_category,
     CASE WHEN shared_category IS NULL THEN 0
          ELSE COUNT { MATCH (p)<-[:INTERACTED]-(fan:Shopper) RETURN DISTINCT fan } END AS fans
RETURN p.id AS product_id, score,
       coalesce(bought_brand, saw_brand, seen_it,
                CASE WHEN shared_category IS NOT NULL
                     THEN 'popular in your category ' + coalesce(shared_category.name_en, shared_category.id)
                          + ' (' + toString(fans) + ' shoppers)' END,
                'shoppers with similar taste liked it') AS explanation,
       m.id AS model_id, toString(m.created_at) AS model_created_at, m.metrics AS model_metrics
ORDER BY score DESC, product_id
