// Categories whose name in any language matches a (fuzzy, escaped) full-text query, best first.
CALL db.index.fulltext.queryNodes('category_names', $text) YIELD node, score
RETURN node.id AS id, coalesce(node.name_en, node.id) AS name, score
ORDER BY score DESC LIMIT $k
