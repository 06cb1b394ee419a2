// The return policy into a country for a category: the category's own (or its nearest parent's), else the country's general one.
// :param country => 'DE';
// :param category_id => null;
MATCH (r:ReturnPolicy)-[:APPLIES_IN]->(c:Country {code: $country})
OPTIONAL MATCH (r)-[:APPLIES_TO]->(cat:Category)
OPTIONAL MATCH path = (:Category {id: $category_id})-[:SUBCATEGORY_OF*0..]->(cat)
WITH r, c, cat, path WHERE cat IS NULL OR path IS NOT NULL
RETURN r.id AS id, c.name AS country_name, r.window_days AS window_days, r.paid_by AS paid_by,
       coalesce(r.exceptions, []) AS exceptions, cat.id AS category_id,
       r {.exceptions_de, .exceptions_es, .exceptions_fr, .exceptions_pt, .exceptions_zh,
          .exceptions_ja} AS translated
ORDER BY CASE WHEN cat IS NULL THEN 1000 ELSE length(path) END
LIMIT 1
