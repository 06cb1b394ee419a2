// Store model-written translations of reviews (one row per review and language) with provenance; the original stays on the review, and a reviewed translation is never overwritten.
UNWIND $rows AS row
MATCH (rv:Review {id: row.review})
MERGE (t:Translation {id: row.id})
MERGE (t)-[:TRANSLATES]->(rv)
WITH t, row WHERE coalesce(t.source, 'machine') <> 'reviewed'
SET t.field = 'text', t.lang = row.lang, t.text = row.text, t.from_lang = row.from_lang,
    t.source = 'machine', t.model = row.model, t.at = datetime(), t.source_hash = row.hash
RETURN count(t) AS written
