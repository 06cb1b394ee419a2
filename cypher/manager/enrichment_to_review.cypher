// Model-written category words not yet reviewed, in one language: correct one with the reviewCategoryWords mutation (or SET w.source = 'reviewed' after editing it here).
// :param lang => 'fr';
// :param limit => 50;
MATCH (w:Wording {lang: $lang})-[:WORDS_FOR]->(c:Category)
WHERE w.source = 'machine'
RETURN c.id AS category, c.name_en AS category_en, w.name AS name, w.words AS words,
       w.model AS model, w.at AS written_at
ORDER BY category
LIMIT $limit
