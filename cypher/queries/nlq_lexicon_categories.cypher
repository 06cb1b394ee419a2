// Categories that hold products (themselves or below), with their names in every language and the enriched words shoppers use (`borderless enrich`, reviewed or not).
MATCH (c:Category)
WHERE EXISTS { (:Product)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(c) }
RETURN c.id AS id, coalesce(c.name_en, c.id) AS name,
       [key IN keys(c) WHERE key STARTS WITH 'name_' | [substring(key, 5), c[key]]] AS names,
       [(w:Wording)-[:WORDS_FOR]->(c) | [w.lang, [w.name] + coalesce(w.words, [])]] AS words
