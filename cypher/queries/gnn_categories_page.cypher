// One page of categories after id $after (keyset pagination), with each one's parent category.
MATCH (c:Category)
WHERE c.id > $after
WITH c ORDER BY c.id LIMIT $limit
OPTIONAL MATCH (c)-[:SUBCATEGORY_OF]->(parent:Category)
RETURN c.id AS id, head(collect(parent.id)) AS parent
