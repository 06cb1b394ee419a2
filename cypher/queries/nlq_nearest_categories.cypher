// The categories whose text embedding is nearest to a phrase's (for words no category name matches).
CALL db.index.vector.queryNodes('category_text_embedding', $k, $vector) YIELD node, score
RETURN node.id AS id, coalesce(node.name_en, node.id) AS name, score
ORDER BY score DESC
