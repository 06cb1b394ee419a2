// The category menu: every category holding products (in it or below it), with its names, parent and product count; only the subtree of $root_id when given.
// A product counts once in its own category and once in each category above it.
MATCH (p:Product)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(c:Category)
WHERE $root_id IS NULL
   OR EXISTS { MATCH (c)-[:SUBCATEGORY_OF*0..]->(:Category {id: $root_id}) }
WITH c, count(DISTINCT p) AS product_count
OPTIONAL MATCH (c)-[:SUBCATEGORY_OF]->(parent:Category)
RETURN c.id AS id, parent.id AS parent_id, product_count,
       c {.level, .name_en, .name_de, .name_es, .name_fr, .name_pt, .name_zh, .name_ja} AS props
ORDER BY id
