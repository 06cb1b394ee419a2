// Serve a version's staged product vectors (same transaction as the flag flip); vectors of other versions are removed (ids starting with $prefix only).
MATCH (p:Product)
WHERE (p.embedding_staged_version IS NOT NULL OR p.embedding_version IS NOT NULL)
  AND p.id STARTS WITH $prefix
WITH p, p.embedding_staged_version = $version AS fresh
SET p.embedding = CASE WHEN fresh THEN p.embedding_staged ELSE null END,
    p.embedding_version = CASE WHEN fresh THEN $version ELSE null END
REMOVE p.embedding_staged, p.embedding_staged_version
