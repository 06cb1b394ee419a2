// Create or update countries and link each to the currency it uses.
UNWIND $rows AS row
MERGE (c:Country {code: row.code})
SET c.name = row.name, c.languages = row.languages
MERGE (cur:Currency {code: row.currency})
WITH c, cur, row
OPTIONAL MATCH (c)-[old:USES_CURRENCY]->(other:Currency) WHERE other <> cur
DELETE old
WITH DISTINCT c, cur, row
MERGE (c)-[:USES_CURRENCY]->(cur)
RETURN row.key AS key
