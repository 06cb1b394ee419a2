// One page of brands in id order after $after (null: from the first), each with how many products it has.
MATCH (b:Brand)
WHERE $after IS NULL OR b.id > $after
WITH b ORDER BY b.id LIMIT $limit
RETURN b.id AS id, b.name AS name, coalesce(b.aliases, []) AS aliases, b.country AS country,
       COUNT { (b)<-[:OF_BRAND]-(:Product) } AS product_count
ORDER BY id
