// Products whose title or description, in any language, holds every word of a shopper's query ($text: a Lucene query, words joined by AND): what makes a product relevant when no category does.
UNWIND $indexes AS index_name
CALL (index_name) {
  CALL db.index.fulltext.queryNodes(index_name, $text, {limit: $k}) YIELD node
  RETURN node
}
RETURN DISTINCT node.id AS id
LIMIT $k
