// Brands whose name or alias matches a (fuzzy, escaped) full-text query, best first.
CALL db.index.fulltext.queryNodes('brand_names', $text) YIELD node, score
RETURN node.id AS id, node.name AS name, score
ORDER BY score DESC LIMIT $k
