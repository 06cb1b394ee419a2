// One page of the shopper vectors served by model version $version, after id $after (keyset pagination).
MATCH (s:Shopper)
WHERE s.id > $after AND s.embedding_version = $version AND s.embedding IS NOT NULL
RETURN s.id AS id, s.embedding AS vector, s.embedding_version AS version
ORDER BY s.id
LIMIT $limit
