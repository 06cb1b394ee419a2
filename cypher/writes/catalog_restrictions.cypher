// A product may not be sold into a country, and why.
UNWIND $rows AS row
MATCH (p:Product {id: row.product_id})
MATCH (c:Country {code: row.country})
MERGE (p)-[r:RESTRICTED_IN]->(c)
SET r.reason = row.reason
RETURN row.key AS key
