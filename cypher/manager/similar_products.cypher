// Products most like $product_id by the vectors of the active model version of its shop ("more like this") that are in stock, best first; only vectors tagged with that version are compared.
// :param product_id => 'demo-product-0';
// :param k => 10;
MATCH (p:Product {id: $product_id})
CALL (p) {
  MATCH (m:ModelVersion {active: true})
  WHERE p.id STARTS WITH coalesce(m.shop, '')
  RETURN m
  ORDER BY size(coalesce(m.shop, '')) DESC, m.created_at DESC
  LIMIT 1
}
// Its own vector of version m, served or just moved aside by a swap committing meanwhile.
WITH p, m, CASE m.id WHEN p.embedding_version THEN p.embedding
                     WHEN p.embedding_previous_version THEN p.embedding_previous END AS vector
WHERE vector IS NOT NULL
// The vector index holds every shop's vectors: ask for more than $k neighbours, keep this version's.
CALL db.index.vector.queryNodes('product_embedding', 4 * $k + 1, vector) YIELD node, score
WITH p, m, node, score
WHERE node <> p AND node.embedding_version = m.id
  // Sold out (stock 0) is never offered; a product without a stock count is not tracked.
  AND coalesce(node.stock, 1) > 0
// Why, as data the API words in the shopper's language: the same brand, else the same category.
WITH p, m, node, score,
     head([(p)-[:OF_BRAND]->(b:Brand)<-[:OF_BRAND]-(node) | {kind: 'same_brand', brand: b.name}])
       AS brand_reason,
     head([(p)-[:IN_CATEGORY]->(c:Category)<-[:IN_CATEGORY]-(node)
           | {kind: 'same_category', category: c {.id, .name_en, .name_de, .name_es, .name_fr,
                                                  .name_pt, .name_zh, .name_ja}}]) AS category_reason
RETURN node.id AS product_id, score,
       coalesce(brand_reason, category_reason, {kind: 'similar_taste'}) AS reason,
       m.id AS model_id, toString(m.created_at) AS model_created_at, m.metrics AS model_metrics
ORDER BY score DESC, product_id
LIMIT $k
