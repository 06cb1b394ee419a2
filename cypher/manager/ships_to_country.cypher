// Products that ship to a country and are not restricted there, fastest and cheapest first, priced in its currency.
// :param country => 'DE';
// :param limit => 25;
MATCH (c:Country {code: $country})
OPTIONAL MATCH (c)-[:USES_CURRENCY]->(cur:Currency)
MATCH (p:Product)-[s:SHIPS_TO]->(c)
WHERE NOT (p)-[:RESTRICTED_IN]->(c)
RETURN p.id AS product_id, p.title_en AS title, s.days AS days, s.cost AS shipping_cost,
       p.price AS price, cur.code AS currency, round(p.price * cur.rate, 2) AS local_price
ORDER BY days, shipping_cost, product_id
LIMIT $limit
