// Record return policies per destination country and category (no category: every category), exceptions per language.
UNWIND $rows AS row
MATCH (c:Country {code: row.country})
OPTIONAL MATCH (cat:Category {id: row.category_id})
WITH row, c, cat WHERE row.category_id IS NULL OR cat IS NOT NULL
MERGE (r:ReturnPolicy {id: row.key})
SET r.window_days = row.window_days, r.paid_by = row.paid_by, r.exceptions = row.exceptions,
    r.country = row.country, r.category_id = row.category_id
SET r += row.translated
MERGE (r)-[:APPLIES_IN]->(c)
FOREACH (_ IN CASE WHEN cat IS NULL THEN [] ELSE [1] END | MERGE (r)-[:APPLIES_TO]->(cat))
RETURN row.key AS key
