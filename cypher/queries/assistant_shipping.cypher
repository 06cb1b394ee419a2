// Whether a product ships to a country: days and cost (base currency and in $currency), or why it is restricted (in English and per language).
// :param product_id => 'demo-product-1';
// :param country => 'AT';
// :param currency => 'EUR';
MATCH (p:Product {id: $product_id})
MATCH (c:Country {code: $country})
OPTIONAL MATCH (p)-[s:SHIPS_TO]->(c)
OPTIONAL MATCH (p)-[r:RESTRICTED_IN]->(c)
OPTIONAL MATCH (cur:Currency {code: $currency})
RETURN s IS NOT NULL AS ships, s.days AS days, s.cost AS cost, r.reason AS restricted_because,
       r {.reason_de, .reason_es, .reason_fr, .reason_pt, .reason_zh, .reason_ja} AS reasons,
       p.price AS price, cur.rate AS rate, c.code AS country, c.name AS country_name
