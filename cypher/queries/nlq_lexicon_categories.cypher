// Categories that hold products (themselves or below), with their names in every language, the enriched words shoppers use (`borderless enrich`, reviewed or not), their parent, and whether products sit in them directly.
MATCH (c:Category)
WHERE EXISTS { (:Product)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(c) }
RETURN c.id AS id, coalesce(c.name_en, c.id) AS name,
       [key IN keys(c) WHERE key STARTS WITH 'name_' | [substring(key, 5), c[key]]] AS names,
       [(w:Wording)-[:WORDS_FOR]->(c) | [w.lang, [w.name] + coalesce(w.words, [])]] AS words,
       [(c)-[:SUBCATEGORY_OF]->(p:Category) | p.id][0] AS parent,
       EXISTS { (:Product)-[:IN_CATEGORY]->(c) } AS holds_products
