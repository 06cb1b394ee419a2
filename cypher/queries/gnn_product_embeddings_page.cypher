// One page of the product vectors served by model version $version, after id $after (keyset pagination).
MATCH (p:Product)
WHERE p.id > $after AND p.embedding_version = $version AND p.embedding IS NOT NULL
RETURN p.id AS id, p.embedding AS vector, p.embedding_version AS version
ORDER BY p.id
LIMIT $limit
