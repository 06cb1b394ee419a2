// One page of countries after code $after (keyset pagination).
MATCH (c:Country)
WHERE c.code > $after
RETURN c.code AS code
ORDER BY c.code
LIMIT $limit
