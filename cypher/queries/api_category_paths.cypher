// The breadcrumbs of these categories: each one's ancestors from the root down to itself.
UNWIND $ids AS id
MATCH (c:Category {id: id})
MATCH path = (c)-[:SUBCATEGORY_OF*0..]->(root:Category)
WHERE NOT (root)-[:SUBCATEGORY_OF]->()
WITH id, nodes(path) AS chain ORDER BY size(chain) DESC
WITH id, head(collect(chain)) AS chain
UNWIND range(size(chain) - 1, 0, -1) AS i
WITH id, i, chain[i] AS n, CASE WHEN i + 1 < size(chain) THEN chain[i + 1].id END AS parent_id
ORDER BY id, i DESC
RETURN id, collect({id: n.id, parent_id: parent_id,
                    props: n {.level, .name_en, .name_de, .name_es, .name_fr, .name_pt,
                              .name_zh, .name_ja}}) AS path
