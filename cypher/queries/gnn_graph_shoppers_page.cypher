// One page of shoppers whose id starts with $prefix ('' for all) after id $after (keyset pagination), with the country they live in and every interaction: product, kind, time in epoch milliseconds, rating.
MATCH (s:Shopper)
WHERE s.id > $after AND s.id STARTS WITH $prefix
WITH s ORDER BY s.id LIMIT $limit
RETURN s.id AS id,
       head([(s)-[:LIVES_IN]->(c:Country) | c.code]) AS country,
       [(s)-[r:INTERACTED]->(p:Product) |
        [p.id, r.kind, datetime(r.at).epochMillis, r['rating']]] AS interactions
