// One page of products (by id, after $after) with their titles per language and the title translations they already have.
MATCH (p:Product)
WHERE p.id STARTS WITH $prefix AND p.id > $after
WITH p ORDER BY p.id LIMIT $k
RETURN p.id AS id,
       [lang IN $languages WHERE p['title_' + lang] IS NOT NULL | [lang, p['title_' + lang]]] AS titles,
       [(t:Translation)-[:TRANSLATES]->(p) WHERE t.field = 'title'
        | {lang: t.lang, hash: t.source_hash, source: t.source}] AS done
