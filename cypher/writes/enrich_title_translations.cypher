// Store model-written translations of product texts (one row per product, field and language) with provenance; a reviewed translation is never overwritten.
UNWIND $rows AS row
MATCH (p:Product {id: row.product})
MERGE (t:Translation {id: row.id})
MERGE (t)-[:TRANSLATES]->(p)
WITH t, row WHERE coalesce(t.source, 'machine') <> 'reviewed'
SET t.field = row.field, t.lang = row.lang, t.text = row.text, t.from_lang = row.from_lang,
    t.source = 'machine', t.model = row.model, t.at = datetime(), t.source_hash = row.hash
RETURN count(t) AS written
