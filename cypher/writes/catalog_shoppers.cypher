// Create or update shoppers and the country they live in; unknown country or currency returns nothing.
UNWIND $rows AS row
MATCH (c:Country {code: row.country})
MATCH (:Currency {code: row.currency})
MERGE (s:Shopper {id: row.id})
SET s.country = row.country, s.language = row.language, s.currency = row.currency
WITH s, c, row
OPTIONAL MATCH (s)-[old:LIVES_IN]->(other) WHERE other <> c
DELETE old
WITH DISTINCT s, c, row
MERGE (s)-[:LIVES_IN]->(c)
RETURN row.key AS key
