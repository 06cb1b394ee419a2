// Categories that hold products (themselves or below) with their English path from the root, their own names and the enrichment they already have per language.
MATCH (c:Category)
WHERE c.id STARTS WITH $prefix
  AND EXISTS { (:Product)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(c) }
OPTIONAL MATCH up = (c)-[:SUBCATEGORY_OF*0..]->(root:Category)
WHERE NOT EXISTS { (root)-[:SUBCATEGORY_OF]->(:Category) }
WITH c, up ORDER BY length(up) DESC
WITH c, head(collect(up)) AS up
RETURN c.id AS id,
       [n IN reverse(nodes(up)) | coalesce(n.name_en, n.id)] AS path,
       [key IN keys(c) WHERE key STARTS WITH 'name_' | [substring(key, 5), c[key]]] AS names,
       [(w:Wording)-[:WORDS_FOR]->(c) | {lang: w.lang, hash: w.source_hash, source: w.source}] AS done
ORDER BY id
