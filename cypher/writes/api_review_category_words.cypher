// A catalog manager's correction of a category's words in one language: stored as reviewed, so no enrichment run overwrites it.
MATCH (c:Category {id: $category})
MERGE (w:Wording {id: $id})
MERGE (w)-[:WORDS_FOR]->(c)
SET w.lang = $lang, w.name = $usual_name, w.words = $words, w.text = $text,
    w.source = 'reviewed', w.reviewed_by = $reviewer, w.at = datetime()
RETURN w.id AS id, c.id AS category, w.lang AS lang, w.name AS name, w.words AS words,
       w.source AS source, w.model AS model, toString(w.at) AS at
