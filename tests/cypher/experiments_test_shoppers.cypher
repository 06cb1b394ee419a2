// Shoppers $ids living in country $country (the experiments tests' own id space).
MATCH (c:Country {code: $country})
UNWIND $ids AS id
MERGE (s:Shopper {id: id})
SET s.country = $country, s.language = 'en', s.currency = 'EUR'
MERGE (s)-[:LIVES_IN]->(c)
