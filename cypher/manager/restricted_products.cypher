// Products restricted somewhere, with each country and reason; $country narrows to one country (null: all countries).
// :param country => 'GB';
// :param limit => 25;
MATCH (p:Product)-[r:RESTRICTED_IN]->(c:Country)
WHERE $country IS NULL OR c.code = $country
WITH p, c, r ORDER BY c.code
WITH p, collect({country: c.code, reason: r.reason}) AS restrictions
RETURN p.id AS product_id, p.title_en AS title, size(restrictions) AS countries, restrictions
ORDER BY countries DESC, product_id
LIMIT $limit
