// Categories whose name in any language, or an enriched word for them, matches a (fuzzy, escaped) full-text query, best first.
CALL () {
  CALL db.index.fulltext.queryNodes('category_names', $text) YIELD node, score
  RETURN node AS category, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('category_wordings', $text) YIELD node, score
  MATCH (node)-[:WORDS_FOR]->(category:Category)
  RETURN category, score
}
WITH category, max(score) AS score
RETURN category.id AS id, coalesce(category.name_en, category.id) AS name, score
ORDER BY score DESC LIMIT $k
