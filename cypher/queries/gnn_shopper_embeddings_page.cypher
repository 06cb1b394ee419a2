// One page of served shopper vectors after id $after (keyset pagination).
MATCH (s:Shopper)
WHERE s.id > $after AND s.embedding IS NOT NULL
RETURN s.id AS id, s.embedding AS vector, s.embedding_version AS version
ORDER BY s.id
LIMIT $limit
