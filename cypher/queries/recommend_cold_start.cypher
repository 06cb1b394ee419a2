// Top $k products for shopper $shopper_id by the knowledge graph alone (no model): products in the categories and of the brands the shopper has interacted with, then the rest, each ranked by popularity; kept to what ships to the shopper's country, is not restricted there and was not bought by them. The cold-start strategy of an experiment.
// :param shopper_id => 'demo-shopper-0';
// :param k => 10;
MATCH (s:Shopper {id: $shopper_id})-[:LIVES_IN]->(country:Country)
WITH s, country,
     COLLECT { MATCH (s)-[:INTERACTED]->(:Product)-[:IN_CATEGORY]->(c:Category) RETURN DISTINCT c.id } AS categories,
     COLLECT { MATCH (s)-[:INTERACTED]->(:Product)-[:OF_BRAND]->(b:Brand) RETURN DISTINCT b.id } AS brands
MATCH (p:Product)-[:SHIPS_TO]->(country)
WHERE NOT (p)-[:RESTRICTED_IN]->(country)
  AND NOT EXISTS { (s)-[:INTERACTED {kind: 'purchase'}]->(p) }
WITH p,
     CASE WHEN EXISTS { (p)-[:IN_CATEGORY]->(c:Category) WHERE c.id IN categories } THEN 2 ELSE 0 END
   + CASE WHEN EXISTS { (p)-[:OF_BRAND]->(b:Brand) WHERE b.id IN brands } THEN 1 ELSE 0 END AS kinship
WITH p, kinship, COUNT { (p)<-[:INTERACTED]-(:Shopper) } AS fans
ORDER BY kinship DESC, fans DESC, p.id
LIMIT $k
RETURN p.id AS product_id, kinship + fans / (fans + 1.0) AS score,
       CASE kinship WHEN 3 THEN 'same category and brand as what you looked at'
                    WHEN 2 THEN 'same category as what you looked at'
                    WHEN 1 THEN 'same brand as what you looked at'
                    ELSE 'popular where you live' END AS explanation
