// Products whose main picture looks most like an uploaded photo ($vector, made by $model), in stock, that ship to $country without a restriction there, best first, with base-currency prices; one row saying whether the country is known and its currency.
OPTIONAL MATCH (c:Country {code: $country})
OPTIONAL MATCH (c)-[:USES_CURRENCY]->(cur:Currency)
CALL (c) {
  CALL db.index.vector.queryNodes('product_image_embedding', $k, $vector) YIELD node, score
  WITH c, node, score
  WHERE c IS NOT NULL AND node.image_model = $model
    AND EXISTS { (node)-[:SHIPS_TO]->(c) }
    AND NOT EXISTS { (node)-[:RESTRICTED_IN]->(c) }
    AND coalesce(node.stock, 1) > 0
  WITH node, score
  ORDER BY score DESC, node.id
  LIMIT $first
  RETURN collect({product_id: node.id, score: score, price: node.price,
                  title: coalesce(node['title_' + $lang], node.title_en, node.title_de,
                                  node.title_es, node.title_fr, node.title_pt, node.title_zh,
                                  node.title_ja)}) AS items
}
RETURN c IS NOT NULL AS known, cur.code AS country_currency, items
