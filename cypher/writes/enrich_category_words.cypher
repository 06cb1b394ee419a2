// Store model-written category words (one row per category and language) with provenance; an entry a catalog manager reviewed is never overwritten.
UNWIND $rows AS row
MATCH (c:Category {id: row.category})
MERGE (w:Wording {id: row.id})
MERGE (w)-[:WORDS_FOR]->(c)
WITH w, row WHERE coalesce(w.source, 'machine') <> 'reviewed'
SET w.lang = row.lang, w.name = row.name, w.words = row.words, w.text = row.text,
    w.source = 'machine', w.model = row.model, w.at = datetime(), w.source_hash = row.hash
RETURN count(w) AS written
