// Top $k products for shopper $shopper_id by the active model's vectors: ships to the shopper's country, not restricted there, not already bought; with a short reason.
// :param shopper_id => 'demo-shopper-0';
// :param k => 10;
MATCH (s:Shopper {id: $shopper_id})-[:LIVES_IN]->(country:Country)
WHERE s.embedding IS NOT NULL
MATCH (p:Product)-[:SHIPS_TO]->(country)
WHERE p.embedding IS NOT NULL
  AND NOT (p)-[:RESTRICTED_IN]->(country)
  AND NOT EXISTS { (s)-[:INTERACTED {kind: 'purchase'}]->(p) }
WITH s, p, vector.similarity.cosine(s.embedding, p.embedding) AS score
ORDER BY score DESC, p.id
LIMIT $k
WITH s, p, score,
     head([(s)-[:INTERACTED {kind: 'purchase'}]->(x:Product)-[:OF_BRAND]->(b:Brand)<-[:OF_BRAND]-(p)
           | 'bought ' + coalesce(x.title_en, x.id) + ' of the same brand (' + b.name + ')']) AS bought_brand,
     head([(s)-[:INTERACTED]->(x:Product)-[:OF_BRAND]->(b:Brand)<-[:OF_BRAND]-(p) WHERE x <> p
           | 'looked at ' + coalesce(x.title_en, x.id) + ' of the same brand (' + b.name + ')']) AS saw_brand,
     head([(s)-[r:INTERACTED]->(p)
           | CASE r.kind WHEN 'cart' THEN 'you put it in your cart' ELSE 'you looked at it' END]) AS seen_it,
     head([(s)-[:INTERACTED]->(:Product)-[:IN_CATEGORY]->(c:Category)<-[:IN_CATEGORY]-(p)
           | c]) AS shared_category
WITH p, score, bought_brand, saw_brand, seen_it, shared_category,
     CASE WHEN shared_category IS NULL THEN 0
          ELSE COUNT { MATCH (p)<-[:INTERACTED]-(fan:Shopper) RETURN DISTINCT fan } END AS fans
RETURN p.id AS product_id, score,
       coalesce(bought_brand, saw_brand, seen_it,
                CASE WHEN shared_category IS NOT NULL
                     THEN 'popular in your category ' + coalesce(shared_category.name_en, shared_category.id)
                          + ' (' + toString(fans) + ' shoppers)' END,
                'shoppers with similar taste liked it') AS explanation
ORDER BY score DESC, product_id
