// Products whose main picture looks most like an uploaded photo ($vector, made by $model) and that ship to $country without a restriction there, best first, with base-currency prices.
CALL db.index.vector.queryNodes('product_image_embedding', $k, $vector) YIELD node, score
WITH node, score
WHERE node.image_model = $model
  AND EXISTS { (node)-[:SHIPS_TO]->(:Country {code: $country}) }
  AND NOT EXISTS { (node)-[:RESTRICTED_IN]->(:Country {code: $country}) }
OPTIONAL MATCH (c:Country {code: $country})
RETURN node.id AS product_id, score, node.price AS price, c.currency AS country_currency,
       coalesce(node['title_' + $lang], node.title_en, node.title_de, node.title_es, node.title_fr,
                node.title_pt, node.title_zh, node.title_ja) AS title
ORDER BY score DESC, product_id
LIMIT $first
