// Image files (keyset pages by id) with where their bytes are and what was last embedded from them, so only changed ones are redone.
MATCH (i:Image)
WHERE i.id > $after AND i.id STARTS WITH $prefix AND i.file IS NOT NULL
WITH i ORDER BY i.id LIMIT $limit
RETURN i.id AS id, i.product_id AS product_id, i.file AS file, i.member AS member,
       i.embedded_hash AS embedded_hash, i.image_model AS image_model
