// A product may not be sold into a country, and why (in English, and per language as reason_<lang>).
UNWIND $rows AS row
MATCH (p:Product {id: row.product_id})
MATCH (c:Country {code: row.country})
MERGE (p)-[r:RESTRICTED_IN]->(c)
SET r.reason = row.reason
SET r += row.translated
RETURN row.key AS key
