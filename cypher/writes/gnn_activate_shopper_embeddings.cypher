// Serve version $version's staged shopper vectors (same transaction as the flag flip) on the shoppers of its shop $shop (ids starting with it); the vectors they replace are kept one activation longer as `embedding_previous` (readers that began under the retired version still find theirs; the next activation drops them), and vectors of other versions there are removed. A narrower shop inside it (a longer id prefix) with its own active version keeps its vectors.
CALL () {
  OPTIONAL MATCH (other:ModelVersion {active: true})
  WHERE other.shop STARTS WITH $shop AND other.shop <> $shop
  RETURN collect(other.shop) AS narrower
}
MATCH (s:Shopper)
WHERE s.id STARTS WITH $shop
  AND (s.embedding_staged_version IS NOT NULL OR s.embedding_version IS NOT NULL
       OR s.embedding_previous_version IS NOT NULL)
  AND none(shop IN narrower WHERE s.id STARTS WITH shop)
WITH s, s.embedding_staged_version = $version AS fresh
SET s.embedding_previous = s.embedding, s.embedding_previous_version = s.embedding_version,
    s.embedding = CASE WHEN fresh THEN s.embedding_staged ELSE null END,
    s.embedding_version = CASE WHEN fresh THEN $version ELSE null END
REMOVE s.embedding_staged, s.embedding_staged_version
