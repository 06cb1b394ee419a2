// Serve a version's staged shopper vectors (same transaction as the flag flip); vectors of other versions are removed (ids starting with $prefix only).
MATCH (s:Shopper)
WHERE (s.embedding_staged_version IS NOT NULL OR s.embedding_version IS NOT NULL)
  AND s.id STARTS WITH $prefix
WITH s, s.embedding_staged_version = $version AS fresh
SET s.embedding = CASE WHEN fresh THEN s.embedding_staged ELSE null END,
    s.embedding_version = CASE WHEN fresh THEN $version ELSE null END
REMOVE s.embedding_staged, s.embedding_staged_version
