// The categories with these ids: names per language, level and parent id.
UNWIND $ids AS id
MATCH (c:Category {id: id})
OPTIONAL MATCH (c)-[:SUBCATEGORY_OF]->(parent:Category)
RETURN c.id AS id, parent.id AS parent_id,
       c {.level, .name_en, .name_de, .name_es, .name_fr, .name_pt, .name_zh, .name_ja} AS props
