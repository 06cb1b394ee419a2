// Which categories hold the products (of the given brands, if any) whose title/description matches a shopper's words, per language index: a product-kind word ("Laufschuhe", "登山包") grounded through the catalog's own texts.
// The indexes and brands come in one map, $within: a null or a list of any length is then one
// parameter type, and Neo4j plans the statement once instead of once per shape.
UNWIND $within.indexes AS index_name
CALL (index_name) {
  CALL db.index.fulltext.queryNodes(index_name, $text, {limit: $k}) YIELD node, score
  WHERE $within.brand_ids IS NULL OR EXISTS { (node)-[:OF_BRAND]->(b:Brand) WHERE b.id IN $within.brand_ids }
  RETURN node, score
}
MATCH (node)-[:IN_CATEGORY]->(c:Category)
WITH index_name, c, count(*) AS hits, max(score) AS best
RETURN index_name, c.id AS id, hits, best
ORDER BY best DESC
