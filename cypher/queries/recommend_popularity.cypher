// Top $k products for shopper $shopper_id by popularity (how many shoppers interacted with each), kept to what ships to the shopper's country, is not restricted there and was not bought by them: the popularity strategy of an experiment.
// :param shopper_id => 'demo-shopper-0';
// :param k => 10;
MATCH (s:Shopper {id: $shopper_id})-[:LIVES_IN]->(country:Country)
MATCH (p:Product)-[:SHIPS_TO]->(country)
WHERE NOT (p)-[:RESTRICTED_IN]->(country)
  AND NOT EXISTS { (s)-[:INTERACTED {kind: 'purchase'}]->(p) }
WITH p, COUNT { (p)<-[:INTERACTED]-(:Shopper) } AS fans
ORDER BY fans DESC, p.id
LIMIT $k
RETURN p.id AS product_id, toFloat(fans) AS score,
       'popular: ' + toString(fans) + ' shopper interactions' AS explanation
