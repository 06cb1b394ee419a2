// A product ships to a country in `days` for `cost` (base currency).
UNWIND $rows AS row
MATCH (p:Product {id: row.product_id})
MATCH (c:Country {code: row.country})
MERGE (p)-[s:SHIPS_TO]->(c)
SET s.days = row.days, s.cost = row.cost
RETURN row.key AS key
