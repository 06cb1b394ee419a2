// The direct subcategories of these categories, by id.
UNWIND $ids AS id
MATCH (child:Category)-[:SUBCATEGORY_OF]->(:Category {id: id})
WITH id, child ORDER BY child.id
RETURN id, collect({id: child.id, parent_id: id,
                    props: child {.level, .name_en, .name_de, .name_es, .name_fr, .name_pt,
                                  .name_zh, .name_ja}}) AS children
