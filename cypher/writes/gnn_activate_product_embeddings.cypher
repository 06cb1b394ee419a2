// Serve version $version's staged product vectors (same transaction as the flag flip) on the products of its shop $shop (ids starting with it); the vectors they replace are kept one activation longer as `embedding_previous` (readers that began under the retired version still find theirs; the next activation drops them), and vectors of other versions there are removed. A narrower shop inside it (a longer id prefix) with its own active version keeps its vectors.
CALL () {
  OPTIONAL MATCH (other:ModelVersion {active: true})
  WHERE other.shop STARTS WITH $shop AND other.shop <> $shop
  RETURN collect(other.shop) AS narrower
}
MATCH (p:Product)
WHERE p.id STARTS WITH $shop
  AND (p.embedding_staged_version IS NOT NULL OR p.embedding_version IS NOT NULL
       OR p.embedding_previous_version IS NOT NULL)
  AND none(shop IN narrower WHERE p.id STARTS WITH shop)
WITH p, p.embedding_staged_version = $version AS fresh
SET p.embedding_previous = p.embedding, p.embedding_previous_version = p.embedding_version,
    p.embedding = CASE WHEN fresh THEN p.embedding_staged ELSE null END,
    p.embedding_version = CASE WHEN fresh THEN $version ELSE null END
REMOVE p.embedding_staged, p.embedding_staged_version
