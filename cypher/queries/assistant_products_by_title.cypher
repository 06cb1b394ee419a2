// Products whose title matches words of a shopper's message ($text: a Lucene query, words joined by OR), with their titles so the caller can demand the whole title.
// :param indexes => ['product_text_en']; :param text => 'folding OR knife'; :param k => 5;
UNWIND $indexes AS index_name
CALL (index_name) {
  CALL db.index.fulltext.queryNodes(index_name, $text, {limit: $k}) YIELD node
  RETURN node
}
RETURN DISTINCT node.id AS id,
       [t IN [node.title_en, node.title_de, node.title_es, node.title_fr, node.title_pt,
              node.title_zh, node.title_ja] WHERE t IS NOT NULL] AS titles
LIMIT $k
