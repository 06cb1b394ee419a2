// Top $k products for shopper $shopper_id by the vectors of the active model version of the shopper's shop (only vectors tagged with that version, so the version named and the vectors used agree even across a swap): ships to the shopper's country, not restricted there, in stock, not already bought; with a short reason. The taste folds in the products the shopper interacted with since the version was trained (at most 100; a shopper the version has no vector for: all of them), weighing the learned taste as at most five of them, so a few clicks show before the next refresh; a shopper with neither gets their country's taste (gnn/cold_start.py).
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
// A node's vector of version m: the served one, or the one a swap committing while this statement
// runs has just moved to `embedding_previous` (kept for one activation), so the ranking is m's
// whole. A vector of any other version answers nothing: only a shopper with no vector at all is
// served by fold-in or their country's taste.
WITH s, country, m,
     CASE m.id WHEN s.embedding_version THEN s.embedding
               WHEN s.embedding_previous_version THEN s.embedding_previous END AS own,
     coalesce(m.trained_until_ms, 1.0e18) AS trained_until
WHERE own IS NOT NULL OR s.embedding_version IS NULL
WITH s, country, m, own,
     [(s)-[r:INTERACTED]->(x:Product)
        WHERE (x.embedding_version = m.id OR x.embedding_previous_version = m.id)
          AND NOT (r.kind = 'rating' AND coalesce(r['rating'], 5) < 3)
          AND (own IS NULL OR datetime(r.at).epochMillis > trained_until)
        | CASE m.id WHEN x.embedding_version THEN x.embedding
                    ELSE x.embedding_previous END][..100] AS recent,
     CASE WHEN own IS NULL THEN 0
          ELSE COUNT { (s)-[r:INTERACTED]->() WHERE datetime(r.at).epochMillis <= trained_until } END AS known
WITH s, country, m, own, recent, known,
     CASE WHEN own IS NULL AND size(recent) = 0
          THEN coalesce(head([(m)-[:COLD_START_TASTE]->(t:CountryTaste {country: country.code}) | t.embedding]),
                        head([(m)-[:COLD_START_TASTE]->(t:CountryTaste {country: '*'}) | t.embedding]))
     END AS cold
WITH s, country, m, cold IS NOT NULL AS cold_start,
     CASE WHEN cold IS NOT NULL THEN cold
          WHEN size(recent) = 0 THEN own
          ELSE reduce(acc = CASE WHEN own IS NULL THEN [x IN recent[0] | 0.0] ELSE [x IN own | x * CASE WHEN known < 5 THEN known ELSE 5 END] END,
                      v IN recent | [i IN range(0, size(acc) - 1) | acc[i] + v[i]])
     END AS taste
WHERE taste IS NOT NULL
MATCH (p:Product)-[:SHIPS_TO]->(country)
WHERE (p.embedding_version = m.id OR p.embedding_previous_version = m.id)
  AND NOT (p)-[:RESTRICTED_IN]->(country)
  // Sold out (stock 0) is never recommended; a product without a stock count is not tracked.
  AND coalesce(p.stock, 1) > 0
  AND NOT EXISTS { (s)-[:INTERACTED {kind: 'purchase'}]->(p) }
WITH s, m, p, cold_start, country,
     vector.similarity.cosine(taste, CASE m.id WHEN p.embedding_version THEN p.embedding
                                               ELSE p.embedding_previous END) AS score
ORDER BY score DESC, p.id
LIMIT $k
WITH s, m, p, score, cold_start, country,
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
WITH m, p, score, bought_brand, saw_brand, seen_it, shared_category, cold_start, country,
     CASE WHEN shared_category IS NULL THEN 0
          ELSE COUNT { MATCH (p)<-[:INTERACTED]-(fan:Shopper) RETURN DISTINCT fan } END AS fans
// The reason as data (the API words it in the shopper's language) and in English words.
WITH m, p, score, coalesce(bought_brand, saw_brand, seen_it,
     CASE WHEN shared_category IS NOT NULL
          THEN {kind: 'popular_in_category', fans: fans,
                category: shared_category {.id, .name_en, .name_de, .name_es, .name_fr, .name_pt,
                                           .name_zh, .name_ja}} END,
     CASE WHEN cold_start THEN {kind: 'popular_in_country', country: country.code, name: country.name} END,
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
            WHEN 'popular_in_country' THEN 'popular with shoppers in ' + coalesce(reason.name, reason.country)
            ELSE 'shoppers with similar taste liked it' END AS explanation,
       m.id AS model_id, toString(m.created_at) AS model_created_at, m.metrics AS model_metrics
ORDER BY score DESC, product_id
