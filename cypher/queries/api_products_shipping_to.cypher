// Which of these products can be sent to a country: they ship there and are not restricted there.
UNWIND $ids AS id
MATCH (p:Product {id: id})-[:SHIPS_TO]->(c:Country {code: $country})
WHERE NOT (p)-[:RESTRICTED_IN]->(c)
RETURN p.id AS id
