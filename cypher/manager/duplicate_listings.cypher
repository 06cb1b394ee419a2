// Duplicate listings: the same picture (byte-identical image file) under two or more product ids, most copies first.
// :param prefix => '';
MATCH (i:Image)
WHERE i.content_hash IS NOT NULL AND i.product_id STARTS WITH $prefix
WITH i.content_hash AS content_hash, i.product_id AS product_id ORDER BY product_id
WITH content_hash, collect(DISTINCT product_id) AS product_ids
WHERE size(product_ids) > 1
RETURN content_hash, product_ids
ORDER BY size(product_ids) DESC, product_ids[0]
